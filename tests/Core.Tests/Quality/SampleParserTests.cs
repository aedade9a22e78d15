using System.Text;
using Portable.Core.Quality;
using Portable.Core.Validation;

namespace Portable.Core.Tests.Quality;

public sealed class SampleParserTests
{
    private const string Valid =
        """{"sampleId":"S-0001","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z","wavelengthsNm":[200,201,202],"absorbance":[0.12,null,0.14],"metadata":{"operator":"jd"}}""";

    [Test]
    public void One_object_parses_into_one_sample()
    {
        var batch = Parse(Valid);

        Assert.That(batch.IsArray, Is.False);
        var sample = batch.Samples.Single();
        Assert.That(sample.SampleId, Is.EqualTo("S-0001"));
        Assert.That(sample.InstrumentId, Is.EqualTo("UV-1"));
        Assert.That(sample.AcquiredAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(sample.WavelengthsNm, Is.EqualTo(new[] { 200.0, 201.0, 202.0 }));
        Assert.That(sample.Absorbance, Is.EqualTo(new double?[] { 0.12, null, 0.14 }));
        Assert.That(sample.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["operator"] = "jd" }));
    }

    [Test]
    public void Array_parses_into_samples_in_order()
    {
        var batch = Parse($"[{Valid},{Valid.Replace("S-0001", "S-0002", StringComparison.Ordinal)}]");

        Assert.That(batch.IsArray, Is.True);
        Assert.That(batch.Samples.Select(sample => sample.SampleId), Is.EqualTo(new[] { "S-0001", "S-0002" }));
    }

    [Test]
    public void Absent_or_null_metadata_is_empty()
    {
        var absent = Parse(Valid.Replace(""","metadata":{"operator":"jd"}""", string.Empty, StringComparison.Ordinal));
        var nulled = Parse(Valid.Replace("""{"operator":"jd"}""", "null", StringComparison.Ordinal));

        Assert.That(absent.Samples.Single().Metadata, Is.Empty);
        Assert.That(nulled.Samples.Single().Metadata, Is.Empty);
    }

    [Test]
    public void Unknown_properties_are_ignored()
    {
        var batch = Parse("""{"firmware":{"version":3},""" + Valid[1..]);

        Assert.That(batch.Samples, Has.Count.EqualTo(1));
    }

    [Test]
    public void Byte_order_mark_is_accepted()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();

        Assert.That(SampleParser.Parse(body).Samples, Has.Count.EqualTo(1));
    }

    [TestCase("2026-11-23T08:00:00+01:00")]
    [TestCase("2026-11-23T08:00:00.123Z")]
    [TestCase("2026-11-23T08:00Z")]
    public void Iso_8601_date_times_with_an_offset_are_accepted(string acquiredAt)
    {
        var batch = Parse(Valid.Replace("2026-11-23T08:00:00Z", acquiredAt, StringComparison.Ordinal));

        Assert.That(batch.Samples.Single().AcquiredAt, Is.EqualTo(DateTimeOffset.Parse(acquiredAt, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Faults_the_checks_report_are_not_parse_errors()
    {
        var unequal = Valid.Replace("[0.12,null,0.14]", "[0.12]", StringComparison.Ordinal);
        var unsorted = Valid.Replace("[200,201,202]", "[202,200,201]", StringComparison.Ordinal);

        Assert.That(Parse(unequal).Samples, Has.Count.EqualTo(1));
        Assert.That(Parse(unsorted).Samples, Has.Count.EqualTo(1));
    }

    [TestCase("{\"sampleId\":")]
    [TestCase("not json")]
    [TestCase("")]
    [TestCase("{} {}")]
    [TestCase("""{"sampleId":"a","sampleId":"b"}""")]
    [TestCase("42")]
    [TestCase("[]")]
    public void Body_that_is_not_a_sample_or_an_array_of_samples_is_a_body_error(string body)
    {
        AssertRejected(body, "body");
    }

    [Test]
    public void Batch_over_the_maximum_size_is_a_body_error()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat(Valid, SampleParser.MaxBatchSize + 1)) + "]";

        var errors = AssertRejected(body, "body");
        Assert.That(errors["body"].Single(), Does.Contain("500"));
    }

    [Test]
    public void Batch_of_the_maximum_size_parses()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, SampleParser.MaxBatchSize).Select(i => Valid.Replace("S-0001", $"S-{i}", StringComparison.Ordinal))) + "]";

        Assert.That(Parse(body).Samples, Has.Count.EqualTo(SampleParser.MaxBatchSize));
    }

    [TestCase("\"sampleId\":\"S-0001\",", "", "sampleId", "required")]
    [TestCase("\"sampleId\":\"S-0001\"", "\"sampleId\":42", "sampleId", "string")]
    [TestCase("\"sampleId\":\"S-0001\"", "\"sampleId\":\"S 0001\"", "sampleId", "characters")]
    [TestCase("\"sampleId\":\"S-0001\"", "\"sampleId\":\"\"", "sampleId", "characters")]
    [TestCase("\"instrumentId\":\"UV-1\"", "\"instrumentId\":\" \"", "instrumentId", "blank")]
    [TestCase("\"instrumentId\":\"UV-1\"", "\"instrumentId\":\"UV\\n1\"", "instrumentId", "control")]
    [TestCase("\"instrumentId\":\"UV-1\"", "\"instrumentId\":null", "instrumentId", "string")]
    [TestCase("\"2026-11-23T08:00:00Z\"", "\"yesterday\"", "acquiredAt", "ISO-8601")]
    [TestCase("\"2026-11-23T08:00:00Z\"", "\"2026-11-23\"", "acquiredAt", "ISO-8601")]
    [TestCase("\"2026-11-23T08:00:00Z\"", "\"2026-11-23T08:00:00\"", "acquiredAt", "offset")]
    [TestCase("\"2026-11-23T08:00:00Z\"", "\"2026-13-23T08:00:00Z\"", "acquiredAt", "ISO-8601")]
    [TestCase("\"2026-11-23T08:00:00Z\"", "1795420800", "acquiredAt", "string")]
    [TestCase("[200,201,202]", "\"200-202\"", "wavelengthsNm", "array")]
    [TestCase("[200,201,202]", "[]", "wavelengthsNm", "1-20000")]
    [TestCase("[200,201,202]", "[200,\"201\",202]", "wavelengthsNm[1]", "number")]
    [TestCase("[200,201,202]", "[200,201,null]", "wavelengthsNm[2]", "number")]
    [TestCase("[200,201,202]", "[1e400,201,202]", "wavelengthsNm[0]", "finite")]
    [TestCase("[0.12,null,0.14]", "[0.12,true,0.14]", "absorbance[1]", "number or null")]
    [TestCase("\"absorbance\":[0.12,null,0.14],", "", "absorbance", "required")]
    [TestCase("{\"operator\":\"jd\"}", "{\"operator\":7}", "metadata.operator", "string")]
    [TestCase("{\"operator\":\"jd\"}", "[\"jd\"]", "metadata", "object")]
    public void Bad_field_is_rejected_by_name(string original, string replacement, string field, string problem)
    {
        var body = Valid.Replace(original, replacement, StringComparison.Ordinal);
        Assert.That(body, Is.Not.EqualTo(Valid), "the test case must change the body");

        var errors = AssertRejected(body, field);
        Assert.That(errors[field].Single(), Does.Contain(problem));
    }

    [Test]
    public void Sample_id_longer_than_128_characters_is_rejected()
    {
        var body = Valid.Replace("S-0001", new string('S', SampleParser.MaxIdLength + 1), StringComparison.Ordinal);

        AssertRejected(body, "sampleId");
    }

    [Test]
    public void Arrays_longer_than_the_maximum_are_rejected()
    {
        var points = string.Join(",", Enumerable.Repeat("0.1", SampleParser.MaxPoints + 1));
        var body = Valid.Replace("[0.12,null,0.14]", $"[{points}]", StringComparison.Ordinal);

        AssertRejected(body, "absorbance");
    }

    [Test]
    public void Errors_in_an_array_are_named_by_index()
    {
        var bad = Valid.Replace("\"sampleId\":\"S-0001\"", "\"sampleId\":3", StringComparison.Ordinal);

        var errors = AssertRejected($"[{Valid},{Valid.Replace("S-0001", "S-0002", StringComparison.Ordinal)},{bad},7]", "[2].sampleId", "[3]");
        Assert.That(errors["[2].sampleId"].Single(), Does.Contain("string"));
    }

    [Test]
    public void Duplicate_sample_ids_in_a_batch_are_rejected_naming_the_repeat()
    {
        var other = Valid.Replace("S-0001", "S-0002", StringComparison.Ordinal);

        var errors = AssertRejected($"[{Valid},{other},{Valid}]", "[2].sampleId");
        Assert.That(errors["[2].sampleId"].Single(), Does.Contain("[0]"));
    }

    [Test]
    public void Every_bad_field_is_named_in_one_answer()
    {
        var body = """{"sampleId":"S 1","acquiredAt":"soon","wavelengthsNm":[200],"absorbance":"x"}""";

        AssertRejected(body, "sampleId", "instrumentId", "acquiredAt", "absorbance");
    }

    private static SampleBatch Parse(string json) => SampleParser.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Asserts the body is rejected with exactly the given fields named.</summary>
    private static IReadOnlyDictionary<string, string[]> AssertRejected(string json, params string[] fields)
    {
        var exception = Assert.Throws<ValidationException>(() => Parse(json));
        Assert.That(exception.Errors.Keys, Is.EquivalentTo(fields));
        return exception.Errors;
    }
}
