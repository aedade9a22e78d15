using System.Text;
using Portable.Core.Observations;

namespace Portable.Core.Tests.Observations;

public sealed class SdmxJsonReaderTests
{
    private const string Structure = """
        "structure": { "dimensions": { "observation": [
          { "id": "TIME_PERIOD", "values": [ { "id": "2020-Q1" }, { "id": "2020-Q2" }, { "id": "2020-Q3" } ] } ] } }
        """;

    [Test]
    public void Reads_every_period_and_value_of_the_ABS_style_document_in_order()
    {
        var observations = Read(AbsCpiDocument.Json);

        Assert.That(observations, Has.Count.EqualTo(46));
        Assert.That(observations.Select(o => o.Value), Is.EqualTo(AbsCpiDocument.Values.Select(v => (double?)v)));
        Assert.That(observations.Select(o => o.SeriesKey), Is.All.EqualTo(AbsCpiDocument.SeriesKey));
        Assert.That(observations[0], Is.EqualTo(new Observation(AbsCpiDocument.SeriesKey, "2012-Q1", 99.9)));
        Assert.That(observations[^1], Is.EqualTo(new Observation(AbsCpiDocument.SeriesKey, "2023-Q2", 133.7)));
    }

    [Test]
    public async Task Reads_the_same_observations_from_a_stream()
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(AbsCpiDocument.Json));

        var observations = await SdmxJsonReader.ReadAsync(stream, CancellationToken.None);

        Assert.That(observations, Is.EqualTo(Read(AbsCpiDocument.Json)));
    }

    [Test]
    public void Keeps_a_published_period_without_a_value_as_a_null_value()
    {
        var observations = Read(DataMessage("""{ "0": { "observations": { "0": [1.5], "1": [null, 0], "2": [2.5] } } }"""));

        Assert.That(observations.Select(o => o.Value), Is.EqualTo(new double?[] { 1.5, null, 2.5 }));
    }

    [Test]
    public void Orders_series_by_their_numeric_key_then_periods_chronologically()
    {
        var observations = Read(DataMessage("""
            {
              "0:10": { "observations": { "1": [4], "0": [3] } },
              "0:2": { "observations": { "2": [2], "0": [1] } }
            }
            """));

        Assert.That(
            observations,
            Is.EqualTo(new[]
            {
                new Observation("0:2", "2020-Q1", 1),
                new Observation("0:2", "2020-Q3", 2),
                new Observation("0:10", "2020-Q1", 3),
                new Observation("0:10", "2020-Q2", 4),
            }));
    }

    [Test]
    public void Returns_no_observations_for_a_series_without_observations()
    {
        Assert.That(Read(DataMessage("""{ "0:0": { "attributes": [] } }""")), Is.Empty);
    }

    [Test]
    public void Reads_an_older_message_with_a_top_level_structure()
    {
        var json = $$"""
            { "dataSets": [ { "series": { "0": { "observations": { "1": [7.25] } } } } ], {{Structure}} }
            """;

        Assert.That(Read(json), Is.EqualTo(new[] { new Observation("0", "2020-Q2", 7.25) }));
    }

    [Test]
    public void Reads_an_SDMX_JSON_2_message_with_a_structures_array()
    {
        var json = """
            { "data": {
                "structures": [ { "dimensions": { "observation": [
                  { "id": "TIME_PERIOD", "values": [ { "id": "2021-01" }, { "id": "2021-02" } ] } ] } } ],
                "dataSets": [ { "structure": 0, "series": { "0:1": { "observations": { "0": [1], "1": [2] } } } } ] } }
            """;

        Assert.That(
            Read(json),
            Is.EqualTo(new[] { new Observation("0:1", "2021-01", 1), new Observation("0:1", "2021-02", 2) }));
    }

    [Test]
    public void Reads_a_flat_message_where_all_dimensions_sit_in_the_observation_key()
    {
        var json = """
            { "data": {
                "structure": { "dimensions": { "series": [], "observation": [
                  { "id": "REGION", "values": [ { "id": "A" }, { "id": "B" } ] },
                  { "id": "TIME_PERIOD", "values": [ { "id": "2020" }, { "id": "2021" } ] } ] } },
                "dataSets": [ { "observations": { "1:0": [3], "0:1": [2], "0:0": [1] } } ] } }
            """;

        Assert.That(
            Read(json),
            Is.EqualTo(new[]
            {
                new Observation("0", "2020", 1),
                new Observation("0", "2021", 2),
                new Observation("1", "2020", 3),
            }));
    }

    [Test]
    public void Rejects_a_body_that_is_not_JSON()
    {
        var error = Assert.Throws<SdmxFormatException>(() => Read("<html>Service Unavailable</html>"));

        Assert.That(error.Path, Is.EqualTo("$"));
        Assert.That(error.Message, Does.Contain("not valid JSON"));
    }

    [Test]
    public void Rejects_a_stream_that_is_not_JSON()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ \"data\": "));

        var error = Assert.ThrowsAsync<SdmxFormatException>(() => SdmxJsonReader.ReadAsync(stream, CancellationToken.None));

        Assert.That(error.Path, Is.EqualTo("$"));
    }

    [TestCaseSource(nameof(MalformedDocuments))]
    public void Names_the_JSON_path_of_a_malformed_document(string json, string path, string problem)
    {
        var error = Assert.Throws<SdmxFormatException>(() => Read(json));

        Assert.That(error.Path, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + ": ").And.Contain(problem));
    }

    private static IEnumerable<TestCaseData> MalformedDocuments()
    {
        const string series = "$.data.dataSets[0].series[\"0\"]";
        const string observations = series + ".observations";

        yield return Case("root is an array", "[1, 2]", "$", "expected an SDMX-JSON data message object but found an array");
        yield return Case("no dataSets", $$"""{ "data": { {{Structure}} } }""", "$.data.dataSets", "is missing");
        yield return Case(
            "upstream error object",
            """{ "errors": [ { "code": 500, "message": "oops" } ] }""",
            "$.dataSets",
            "is missing");
        yield return Case("dataSets not an array", $$"""{ "data": { "dataSets": {}, {{Structure}} } }""", "$.data.dataSets", "must be an array but is an object");
        yield return Case("dataSets empty", $$"""{ "data": { "dataSets": [], {{Structure}} } }""", "$.data.dataSets", "is empty");
        yield return Case("no structure", """{ "data": { "dataSets": [ { "series": {} } ] } }""", "$.data.structure", "is missing");
        yield return Case(
            "structures empty",
            """{ "data": { "dataSets": [ { "series": {} } ], "structures": [] } }""",
            "$.data.structures",
            "is empty");
        yield return Case(
            "no observation dimensions",
            """{ "data": { "dataSets": [ { "series": {} } ], "structure": { "dimensions": { "series": [] } } } }""",
            "$.data.structure.dimensions.observation",
            "is missing");
        yield return Case(
            "no TIME_PERIOD dimension",
            """
            { "data": { "dataSets": [ { "series": {} } ],
              "structure": { "dimensions": { "observation": [ { "id": "REF_AREA", "values": [] } ] } } } }
            """,
            "$.data.structure.dimensions.observation",
            "has no TIME_PERIOD dimension");
        yield return Case(
            "TIME_PERIOD without values",
            """
            { "data": { "dataSets": [ { "series": {} } ],
              "structure": { "dimensions": { "observation": [ { "id": "TIME_PERIOD" } ] } } } }
            """,
            "$.data.structure.dimensions.observation[0].values",
            "is missing");
        yield return Case(
            "period without id",
            """
            { "data": { "dataSets": [ { "series": {} } ],
              "structure": { "dimensions": { "observation": [ { "id": "TIME_PERIOD", "values": [ { "id": "2020" }, { "name": "2021" } ] } ] } } } }
            """,
            "$.data.structure.dimensions.observation[0].values[1].id",
            "is missing");
        yield return Case(
            "period id not a string",
            """
            { "data": { "dataSets": [ { "series": {} } ],
              "structure": { "dimensions": { "observation": [ { "id": "TIME_PERIOD", "values": [ { "id": 2020 } ] } ] } } } }
            """,
            "$.data.structure.dimensions.observation[0].values[0].id",
            "must be a string but is a number");
        yield return Case("series not an object", DataMessage("[]"), "$.data.dataSets[0].series", "must be an object but is an array");
        yield return Case(
            "series key not indexes",
            DataMessage("""{ "A:B": { "observations": {} } }"""),
            "$.data.dataSets[0].series[\"A:B\"]",
            "is not a key of colon-separated dimension value indexes");
        yield return Case("series entry not an object", DataMessage("""{ "0": [1] }"""), series, "must be an object but is an array");
        yield return Case(
            "observations not an object",
            DataMessage("""{ "0": { "observations": [ [1] ] } }"""),
            observations,
            "must be an object but is an array");
        yield return Case(
            "observation index out of range",
            DataMessage("""{ "0": { "observations": { "0": [1], "3": [2] } } }"""),
            observations + "[\"3\"]",
            "refers to TIME_PERIOD value 3 but the structure lists only 3");
        yield return Case(
            "negative observation index",
            DataMessage("""{ "0": { "observations": { "-1": [2] } } }"""),
            observations + "[\"-1\"]",
            "is not a key of colon-separated dimension value indexes");
        yield return Case(
            "observation key with too many parts",
            DataMessage("""{ "0": { "observations": { "0:1": [2] } } }"""),
            observations + "[\"0:1\"]",
            "has 2 key part(s) but the structure has 1 observation dimension(s)");
        yield return Case(
            "observation not an array",
            DataMessage("""{ "0": { "observations": { "0": 99.9 } } }"""),
            observations + "[\"0\"]",
            "must be an array but is a number");
        yield return Case(
            "observation array empty",
            DataMessage("""{ "0": { "observations": { "0": [] } } }"""),
            observations + "[\"0\"]",
            "is empty");
        yield return Case(
            "value is a string",
            DataMessage("""{ "0": { "observations": { "0": ["99.9"] } } }"""),
            observations + "[\"0\"][0]",
            "must be a number or null but is a string");
        yield return Case(
            "value is a boolean",
            DataMessage("""{ "0": { "observations": { "0": [true] } } }"""),
            observations + "[\"0\"][0]",
            "must be a number or null but is a boolean");
        yield return Case(
            "value overflows a double",
            DataMessage("""{ "0": { "observations": { "0": [1e400] } } }"""),
            observations + "[\"0\"][0]",
            "outside the range of a double");
        yield return Case(
            "duplicate observation",
            DataMessage("""{ "0": { "observations": { "1": [1], "01": [2] } } }"""),
            observations + "[\"01\"]",
            "repeats period 2020-Q2 of series 0");
    }

    private static TestCaseData Case(string name, string json, string path, string problem) =>
        new TestCaseData(json, path, problem).SetArgDisplayNames(name);

    private static string DataMessage(string series) => $$"""
        { "data": { "dataSets": [ { "series": {{series}} } ], {{Structure}} } }
        """;

    private static IReadOnlyList<Observation> Read(string json) => SdmxJsonReader.Read(Encoding.UTF8.GetBytes(json));
}
