using System.Globalization;
using System.Text.Json;

namespace Portable.Core.Observations;

/// <summary>
/// Reads the observations of an SDMX-JSON data message (1.0 with <c>data.structure</c> or a top-level
/// <c>structure</c>, 2.0 with <c>structures[0]</c>). Periods are the TIME_PERIOD dimension's value ids;
/// an observation's key indexes into them. Only <c>dataSets[0]</c> is read.
/// </summary>
public static class SdmxJsonReader
{
    private const string TimeDimensionId = "TIME_PERIOD";

    /// <summary>Reads a whole document held in memory.</summary>
    /// <exception cref="SdmxFormatException">The document is not a readable SDMX-JSON data message.</exception>
    public static IReadOnlyList<Observation> Read(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Reads a document from a stream, such as an HTTP response body.</summary>
    /// <exception cref="SdmxFormatException">The document is not a readable SDMX-JSON data message.</exception>
    public static async Task<IReadOnlyList<Observation>> ReadAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(utf8Json, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static SdmxFormatException NotJson(JsonException ex) =>
        new("$", $"the document is not valid JSON ({ex.Message})", ex);

    private static List<Observation> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SdmxFormatException("$", $"expected an SDMX-JSON data message object but found {Describe(root)}");
        }

        // 1.0 and 2.0 messages wrap everything in "data"; older producers put it at the top level.
        var (message, messagePath) = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? (data, "$.data")
            : (root, "$");

        var (dataSet, dataSetPath) = FirstDataSet(message, messagePath, root);
        var time = FindTimeDimension(message, messagePath, root);

        var rows = new List<(int[] Order, Observation Observation)>();
        var seen = new HashSet<(string SeriesKey, string Period)>();

        if (dataSet.TryGetProperty("series", out var series))
        {
            var seriesPath = dataSetPath + ".series";
            RequireKind(series, JsonValueKind.Object, seriesPath);
            foreach (var one in series.EnumerateObject())
            {
                var onePath = $"{seriesPath}[\"{one.Name}\"]";
                var prefix = ParseKey(one.Name, expectedCount: null, onePath);
                RequireKind(one.Value, JsonValueKind.Object, onePath);

                // A series with no observations is legal: the source knows the series but has no data for the query.
                if (one.Value.TryGetProperty("observations", out var observations))
                {
                    ReadObservations(observations, onePath + ".observations", prefix, time, rows, seen);
                }
            }
        }
        else if (dataSet.TryGetProperty("observations", out var flat))
        {
            // dimensionAtObservation=AllDimensions: every dimension sits in the observation key.
            ReadObservations(flat, dataSetPath + ".observations", [], time, rows, seen);
        }

        rows.Sort(static (a, b) =>
        {
            var bySeries = CompareKeys(a.Order, b.Order);
            return bySeries != 0 ? bySeries : string.CompareOrdinal(a.Observation.Period, b.Observation.Period);
        });
        return rows.ConvertAll(static row => row.Observation);
    }

    private static (JsonElement DataSet, string Path) FirstDataSet(JsonElement message, string messagePath, JsonElement root)
    {
        var (dataSets, path) = message.TryGetProperty("dataSets", out var inMessage)
            ? (inMessage, messagePath + ".dataSets")
            : root.TryGetProperty("dataSets", out var atRoot)
                ? (atRoot, "$.dataSets")
                : throw new SdmxFormatException(messagePath + ".dataSets", "is missing; the document is not an SDMX-JSON data message");

        RequireKind(dataSets, JsonValueKind.Array, path);
        if (dataSets.GetArrayLength() == 0)
        {
            throw new SdmxFormatException(path, "is empty; expected at least one data set");
        }

        var first = dataSets[0];
        RequireKind(first, JsonValueKind.Object, path + "[0]");
        return (first, path + "[0]");
    }

    private static TimeDimension FindTimeDimension(JsonElement message, string messagePath, JsonElement root)
    {
        var (structure, structurePath) = FindStructure(message, messagePath)
            ?? FindStructure(root, "$")
            ?? throw new SdmxFormatException(messagePath + ".structure", "is missing; the TIME_PERIOD values cannot be known without it");

        var dimensionsPath = structurePath + ".dimensions.observation";
        if (!structure.TryGetProperty("dimensions", out var dimensions)
            || dimensions.ValueKind != JsonValueKind.Object
            || !dimensions.TryGetProperty("observation", out var observationDimensions))
        {
            throw new SdmxFormatException(dimensionsPath, "is missing");
        }

        RequireKind(observationDimensions, JsonValueKind.Array, dimensionsPath);
        var position = 0;
        foreach (var dimension in observationDimensions.EnumerateArray())
        {
            if (dimension.ValueKind == JsonValueKind.Object
                && dimension.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.ValueEquals(TimeDimensionId))
            {
                var periods = ReadPeriods(dimension, $"{dimensionsPath}[{position}].values");
                return new TimeDimension(periods, position, observationDimensions.GetArrayLength());
            }

            position++;
        }

        throw new SdmxFormatException(dimensionsPath, $"has no {TimeDimensionId} dimension");
    }

    private static (JsonElement Structure, string Path)? FindStructure(JsonElement container, string containerPath)
    {
        if (container.TryGetProperty("structure", out var structure))
        {
            RequireKind(structure, JsonValueKind.Object, containerPath + ".structure");
            return (structure, containerPath + ".structure");
        }

        if (container.TryGetProperty("structures", out var structures))
        {
            var path = containerPath + ".structures";
            RequireKind(structures, JsonValueKind.Array, path);
            if (structures.GetArrayLength() == 0)
            {
                throw new SdmxFormatException(path, "is empty; expected the data set's structure");
            }

            RequireKind(structures[0], JsonValueKind.Object, path + "[0]");
            return (structures[0], path + "[0]");
        }

        return null;
    }

    private static string[] ReadPeriods(JsonElement dimension, string valuesPath)
    {
        if (!dimension.TryGetProperty("values", out var values))
        {
            throw new SdmxFormatException(valuesPath, "is missing");
        }

        RequireKind(values, JsonValueKind.Array, valuesPath);
        var periods = new string[values.GetArrayLength()];
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            var idPath = $"{valuesPath}[{index}].id";
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("id", out var id))
            {
                throw new SdmxFormatException(idPath, "is missing");
            }

            RequireKind(id, JsonValueKind.String, idPath);
            periods[index++] = id.GetString()!;
        }

        return periods;
    }

    private static void ReadObservations(
        JsonElement observations,
        string path,
        int[] seriesPrefix,
        TimeDimension time,
        List<(int[] Order, Observation Observation)> rows,
        HashSet<(string SeriesKey, string Period)> seen)
    {
        RequireKind(observations, JsonValueKind.Object, path);
        foreach (var observation in observations.EnumerateObject())
        {
            var observationPath = $"{path}[\"{observation.Name}\"]";
            var key = ParseKey(observation.Name, time.ObservationDimensionCount, observationPath);
            var periodIndex = key[time.Position];
            if (periodIndex >= time.Periods.Length)
            {
                throw new SdmxFormatException(
                    observationPath,
                    $"refers to {TimeDimensionId} value {periodIndex} but the structure lists only {time.Periods.Length}");
            }

            // Any other observation-level dimensions belong to the series identity, not to the period.
            int[] order = [.. seriesPrefix, .. key[..time.Position], .. key[(time.Position + 1)..]];
            var seriesKey = string.Join(':', order);
            var period = time.Periods[periodIndex];
            if (!seen.Add((seriesKey, period)))
            {
                throw new SdmxFormatException(observationPath, $"repeats period {period} of series {seriesKey}");
            }

            rows.Add((order, new Observation(seriesKey, period, ReadValue(observation.Value, observationPath))));
        }
    }

    private static double? ReadValue(JsonElement observation, string path)
    {
        RequireKind(observation, JsonValueKind.Array, path);
        if (observation.GetArrayLength() == 0)
        {
            throw new SdmxFormatException(path, "is empty; expected the observation value as its first element");
        }

        var value = observation[0];
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => number,
            JsonValueKind.Number => throw new SdmxFormatException(path + "[0]", "is a number outside the range of a double"),
            _ => throw new SdmxFormatException(path + "[0]", $"must be a number or null but is {Describe(value)}"),
        };
    }

    private static int[] ParseKey(string key, int? expectedCount, string path)
    {
        var parts = key.Split(':');
        if (expectedCount is { } count && parts.Length != count)
        {
            throw new SdmxFormatException(path, $"has {parts.Length} key part(s) but the structure has {count} observation dimension(s)");
        }

        var indexes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out indexes[i]))
            {
                throw new SdmxFormatException(path, "is not a key of colon-separated dimension value indexes");
            }
        }

        return indexes;
    }

    private static int CompareKeys(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw new SdmxFormatException(path, $"must be {Article(kind)} {kind.ToString().ToLowerInvariant()} but is {Describe(element)}");
        }
    }

    private static string Article(JsonValueKind kind) => kind == JsonValueKind.Array || kind == JsonValueKind.Object ? "an" : "a";

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
