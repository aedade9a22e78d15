using System.Text.Json;
using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class QualityJsonContextTests
{
    [Test]
    public void Verdict_is_written_in_camel_case_with_severity_as_a_string()
    {
        var verdict = new QualityVerdict(
            "S-0001",
            false,
            [new Finding("saturation", Severity.Error, "Saturated.", 391)],
            new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));

        var json = JsonSerializer.Serialize(verdict, QualityJsonContext.Default.QualityVerdict);

        Assert.That(json, Is.EqualTo(
            """{"sampleId":"S-0001","passed":false,"findings":[{"rule":"saturation","severity":"Error","message":"Saturated.","wavelengthNm":391}],"checkedAt":"2026-11-23T09:30:00+00:00"}"""));
    }

    [Test]
    public void Sample_round_trips_with_missing_readings_and_metadata()
    {
        var sample = new SpectrumSample(
            "S-0001",
            "UV-1",
            Spectra.AcquiredAt,
            [200, 201],
            [0.12, null],
            new Dictionary<string, string> { ["operator"] = "jd" });

        var json = JsonSerializer.Serialize(sample, QualityJsonContext.Default.SpectrumSample);
        var back = JsonSerializer.Deserialize(json, QualityJsonContext.Default.SpectrumSample)!;

        Assert.That(json, Does.Contain("\"absorbance\":[0.12,null]").And.Contain("\"wavelengthsNm\":[200,201]"));
        Assert.That(back.SampleId, Is.EqualTo(sample.SampleId));
        Assert.That(back.AcquiredAt, Is.EqualTo(sample.AcquiredAt));
        Assert.That(back.Absorbance, Is.EqualTo(sample.Absorbance));
        Assert.That(back.Metadata, Is.EquivalentTo(sample.Metadata));
    }

    [Test]
    public void Lists_of_verdicts_round_trip()
    {
        var verdict = SpectrumCheckerTests.Check(Spectra.Clean().WithReadingAt(450, null));
        IReadOnlyList<QualityVerdict> verdicts = [verdict, SpectrumCheckerTests.Check(Spectra.Clean("S-0002"))];

        var json = JsonSerializer.Serialize(verdicts, QualityJsonContext.Default.IReadOnlyListQualityVerdict);
        var back = JsonSerializer.Deserialize(json, QualityJsonContext.Default.IReadOnlyListQualityVerdict)!;

        Assert.That(back.Select(v => v.SampleId), Is.EqualTo(new[] { "S-0001", "S-0002" }));
        Assert.That(back[0].Findings, Is.EqualTo(verdict.Findings));
        Assert.That(back[1].Passed, Is.True);
    }
}
