using System.Text.Json;
using Portable.Core.Validation;
using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>
/// Reads a request or message body holding one sample object or an array of them, naming every bad
/// field (<c>sampleId</c>, or <c>[3].sampleId</c> inside an array).
/// </summary>
/// <remarks>
/// Only the wire contract is checked here. Faults in the spectrum itself (unequal lengths, unsorted
/// wavelengths, too few points) parse, so the quality rules can report them as findings.
/// Unknown properties are ignored so instruments can send more than this contract names.
/// </remarks>
public static class SampleParser
{
    public const int MaxBatchSize = 500;

    public const int MaxPoints = 20000;

    public const int MaxIdLength = 128;

    /// <summary>What an instrument id must be, as a validation message.</summary>
    internal static readonly string InstrumentIdRule = Invariant($"Must be 1-{MaxIdLength} characters, not blank, without control characters.");

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <exception cref="ValidationException">The body breaks the contract; its errors are keyed by field.</exception>
    public static SampleBatch Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = ParseDocument(utf8Json);
        var root = document.RootElement;
        JsonText.ThrowIfInvalid(root);
        var errors = new ValidationErrors();
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                var sample = ReadSample(root, string.Empty, errors);
                errors.ThrowIfAny();
                return new SampleBatch([sample!], IsArray: false);
            case JsonValueKind.Array:
                var samples = ReadArray(root, errors);
                errors.ThrowIfAny();
                return new SampleBatch(samples, IsArray: true);
            default:
                throw new ValidationException("body", "Expected a sample object or an array of samples.");
        }
    }

    private static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8Json)
    {
        // Some clients (PowerShell, Windows tools) prefix UTF-8 with a byte order mark, which JsonDocument rejects.
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        try
        {
            return JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new ValidationException("body", $"Malformed JSON: {exception.Message}");
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check reads every property name, and one of them is not text.
            throw new ValidationException("body", JsonText.InvalidName);
        }
    }

    private static List<SpectrumSample> ReadArray(JsonElement array, ValidationErrors errors)
    {
        var length = array.GetArrayLength();
        if (length == 0)
        {
            throw new ValidationException("body", "The array holds no samples.");
        }

        if (length > MaxBatchSize)
        {
            throw new ValidationException("body", Invariant($"A batch holds at most {MaxBatchSize} samples; this one has {length}."));
        }

        var samples = new List<SpectrumSample>(length);
        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var prefix = Invariant($"[{index}].");
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(Invariant($"[{index}]"), "Expected a sample object.");
            }
            else
            {
                if (ReadSample(element, prefix, errors) is { } sample)
                {
                    samples.Add(sample);
                }

                // Checked apart from the rest of the sample so one answer reports duplicates and other faults together.
                if (element.TryGetProperty("sampleId", out var id) && id.ValueKind == JsonValueKind.String
                    && id.GetString() is { } sampleId && IsValidSampleId(sampleId)
                    && !firstIndexById.TryAdd(sampleId, index))
                {
                    errors.Add(prefix + "sampleId", Invariant($"Duplicates the sampleId of [{firstIndexById[sampleId]}]."));
                }
            }

            index++;
        }

        return samples;
    }

    /// <summary>The sample, or null when any of its fields was reported to <paramref name="errors"/>.</summary>
    private static SpectrumSample? ReadSample(JsonElement sample, string prefix, ValidationErrors errors)
    {
        // Every field of one sample has its own key, so a grown count means this sample added an error.
        var errorsBefore = errors.Count;
        var sampleId = ReadSampleId(sample, prefix, errors);
        var instrumentId = ReadInstrumentId(sample, prefix, errors);
        var acquiredAt = ReadAcquiredAt(sample, prefix, errors);
        var wavelengths = ReadNumbers(sample, "wavelengthsNm", prefix, errors, allowNull: false);
        var absorbance = ReadNumbers(sample, "absorbance", prefix, errors, allowNull: true);
        var metadata = ReadMetadata(sample, prefix, errors);
        if (errors.Count != errorsBefore)
        {
            return null;
        }

        return new SpectrumSample(
            sampleId!,
            instrumentId!,
            acquiredAt,
            Array.ConvertAll(wavelengths!, wavelength => wavelength.GetValueOrDefault()),
            absorbance!,
            metadata);
    }

    private static string? ReadSampleId(JsonElement sample, string prefix, ValidationErrors errors)
    {
        var value = ReadString(sample, "sampleId", prefix, errors);
        if (value is not null && !IsValidSampleId(value))
        {
            errors.Add(prefix + "sampleId", Invariant($"Must be 1-{MaxIdLength} characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'."));
            return null;
        }

        return value;
    }

    internal static bool IsValidSampleId(string value) =>
        value.Length is > 0 and <= MaxIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    private static string? ReadInstrumentId(JsonElement sample, string prefix, ValidationErrors errors)
    {
        var value = ReadString(sample, "instrumentId", prefix, errors);
        if (value is not null && !IsValidInstrumentId(value))
        {
            errors.Add(prefix + "instrumentId", InstrumentIdRule);
            return null;
        }

        return value;
    }

    /// <summary>Control characters would let an id forge or break the log lines it is written to.</summary>
    internal static bool IsValidInstrumentId(string value) =>
        value.Length is > 0 and <= MaxIdLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);

    private static DateTimeOffset ReadAcquiredAt(JsonElement sample, string prefix, ValidationErrors errors)
    {
        var text = ReadString(sample, "acquiredAt", prefix, errors);
        if (text is null)
        {
            return default;
        }

        // JsonElement also accepts a bare date, and a time without offset as local time; neither pins the acquisition down.
        var hasTimeAndOffset = text.Length > 16 && text[10] is 'T' or 't'
            && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
        if (!hasTimeAndOffset || !sample.GetProperty("acquiredAt").TryGetDateTimeOffset(out var acquiredAt))
        {
            errors.Add(prefix + "acquiredAt", "Must be an ISO-8601 date-time with an offset, such as 2026-11-23T08:00:00Z.");
            return default;
        }

        return acquiredAt;
    }

    private static string? ReadString(JsonElement sample, string name, string prefix, ValidationErrors errors)
    {
        if (!sample.TryGetProperty(name, out var value))
        {
            errors.Add(prefix + name, "Is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(prefix + name, "Must be a string.");
            return null;
        }

        return value.GetString();
    }

    /// <summary>Reads an array of numbers; only the first bad element is named, so a broken array yields one error.</summary>
    private static double?[]? ReadNumbers(JsonElement sample, string name, string prefix, ValidationErrors errors, bool allowNull)
    {
        var field = prefix + name;
        if (!sample.TryGetProperty(name, out var array))
        {
            errors.Add(field, "Is required.");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, "Must be an array of numbers.");
            return null;
        }

        var length = array.GetArrayLength();
        if (length is 0 or > MaxPoints)
        {
            errors.Add(field, Invariant($"Must hold 1-{MaxPoints} values; it has {length}."));
            return null;
        }

        var values = new double?[length];
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Null && allowNull)
            {
                values[index++] = null;
                continue;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                errors.Add(Invariant($"{field}[{index}]"), allowNull ? "Must be a finite number or null." : "Must be a finite number.");
                return null;
            }

            values[index++] = number;
        }

        return values;
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement sample, string prefix, ValidationErrors errors)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!sample.TryGetProperty("metadata", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return metadata;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(prefix + "metadata", "Must be an object of string values.");
            return metadata;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                metadata[property.Name] = property.Value.GetString()!;
            }
            else
            {
                errors.Add(Invariant($"{prefix}metadata.{property.Name}"), "Must be a string.");
            }
        }

        return metadata;
    }
}
