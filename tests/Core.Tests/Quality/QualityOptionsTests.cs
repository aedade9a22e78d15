using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class QualityOptionsTests
{
    [Test]
    public void Absent_keys_keep_the_defaults()
    {
        var options = BoundOptions.Of<QualityOptions>();

        List<RatioCheck> none = [];
        Assert.That(options.Ratios, Is.Empty);
        Assert.That(options with { Ratios = none }, Is.EqualTo(new QualityOptions() with { Ratios = none }));
        Assert.That(options.SaturationAbsorbance, Is.EqualTo(3.0));
        Assert.That(options.MinPoints, Is.EqualTo(10));
    }

    [Test]
    public void Every_threshold_is_read_in_invariant_culture()
    {
        var options = BoundOptions.Of<QualityOptions>(
            ("Quality:Rules:MinPoints", "20"),
            ("Quality:Rules:MinWavelengthNm", "180"),
            ("Quality:Rules:MaxWavelengthNm", "900.5"),
            ("Quality:Rules:MaxAbsorbance", "3.5"),
            ("Quality:Rules:SaturationAbsorbance", "2.5"),
            ("Quality:Rules:SaturationMinPoints", "4"),
            ("Quality:Rules:NegativeTolerance", "0.02"),
            ("Quality:Rules:NoiseMaxRms", "1e-2"),
            ("Quality:Rules:BaselineRegionStartNm", "600"),
            ("Quality:Rules:BaselineRegionEndNm", "650"),
            ("Quality:Rules:BaselineWindowPoints", "3"),
            ("Quality:Rules:BaselineMaxDrift", "0.1"),
            ("Quality:Rules:RatioMinDenominator", "0.01"));

        Assert.That(options, Is.EqualTo(new QualityOptions
        {
            MinPoints = 20,
            MinWavelengthNm = 180,
            MaxWavelengthNm = 900.5,
            MaxAbsorbance = 3.5,
            SaturationAbsorbance = 2.5,
            SaturationMinPoints = 4,
            NegativeTolerance = 0.02,
            NoiseMaxRms = 0.01,
            BaselineRegionStartNm = 600,
            BaselineRegionEndNm = 650,
            BaselineWindowPoints = 3,
            BaselineMaxDrift = 0.1,
            RatioMinDenominator = 0.01,
            Ratios = options.Ratios,
        }));
    }

    [Test]
    public void Ratio_checks_are_read_in_index_order()
    {
        var options = BoundOptions.Of<QualityOptions>(
            ("Quality:Rules:Ratios:0:Name", "A260/A280"),
            ("Quality:Rules:Ratios:0:NumeratorNm", "260"),
            ("Quality:Rules:Ratios:0:DenominatorNm", "280"),
            ("Quality:Rules:Ratios:0:Min", "1.8"),
            ("Quality:Rules:Ratios:0:Max", "2.2"),
            ("Quality:Rules:Ratios:1:Name", "A260/A230"),
            ("Quality:Rules:Ratios:1:NumeratorNm", "260"),
            ("Quality:Rules:Ratios:1:DenominatorNm", "230"),
            ("Quality:Rules:Ratios:1:Min", "2.0"),
            ("Quality:Rules:Ratios:1:Max", "2.2"));

        Assert.That(options.Ratios, Is.EqualTo(new[]
        {
            new RatioCheck("A260/A280", 260, 280, 1.8, 2.2),
            new RatioCheck("A260/A230", 260, 230, 2.0, 2.2),
        }));
    }

    [Test]
    public void Configured_saturation_level_turns_a_clean_peak_into_a_finding()
    {
        var options = BoundOptions.Of<QualityOptions>(("Quality:Rules:SaturationAbsorbance", "1.0"));

        var verdict = SpectrumCheckerTests.Check(Spectra.Clean(), options);

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Findings.Single().Rule, Is.EqualTo("saturation"));
    }

    [Test]
    public void Configured_noise_limit_lets_a_noisy_spectrum_pass()
    {
        var noisy = SpectrumCheckerTests.Noisy(Spectra.Clean(), amplitude: 0.05);
        var options = BoundOptions.Of<QualityOptions>(("Quality:Rules:NoiseMaxRms", "0.05"));

        Assert.That(SpectrumCheckerTests.Check(noisy).Passed, Is.False);
        Assert.That(SpectrumCheckerTests.Check(noisy, options).Passed, Is.True);
    }

    [Test]
    public void Configured_ratio_check_fails_a_sample_outside_its_range()
    {
        var options = BoundOptions.Of<QualityOptions>(
            ("Quality:Rules:Ratios:0:Name", "A260/A280"),
            ("Quality:Rules:Ratios:0:NumeratorNm", "260"),
            ("Quality:Rules:Ratios:0:DenominatorNm", "280"),
            ("Quality:Rules:Ratios:0:Min", "1.8"),
            ("Quality:Rules:Ratios:0:Max", "2.2"));

        var verdict = SpectrumCheckerTests.Check(Spectra.Clean(), options);

        Assert.That(verdict.Findings.Single().Rule, Is.EqualTo("ratio"));
        Assert.That(verdict.Passed, Is.False);
    }

    [TestCase("NoiseMaxRms", "abc", "'Quality:Rules:NoiseMaxRms'")]
    [TestCase("NoiseMaxRms", "0,05", "'Quality:Rules:NoiseMaxRms'")]
    [TestCase("NoiseMaxRms", "NaN", "Quality:Rules:NoiseMaxRms is required, a finite number")]
    [TestCase("NoiseMaxRms", "-0.1", "Quality:Rules:NoiseMaxRms is -0.1, below the minimum 0")]
    [TestCase("MinPoints", "2.5", "'Quality:Rules:MinPoints'")]
    [TestCase("SaturationMinPoints", "0", "Quality:Rules:SaturationMinPoints is 0, below the minimum 1")]
    [TestCase("SaturationAbsorbence", "3", "'SaturationAbsorbence'")]
    public void Invalid_value_stops_the_host_naming_the_key(string key, string value, string problem) =>
        Assert.That(BoundOptions.Refusal(($"Quality:Rules:{key}", value)), Does.Contain(problem));

    [Test]
    public void Inverted_range_stops_the_host_naming_its_lower_key() =>
        Assert.That(
            BoundOptions.Refusal(("Quality:Rules:BaselineRegionStartNm", "800"), ("Quality:Rules:BaselineRegionEndNm", "700")),
            Does.Contain("Quality:Rules:BaselineRegionStartNm (800) must be below BaselineRegionEndNm (700)"));

    [Test]
    public void Incomplete_ratio_check_stops_the_host_naming_the_missing_key() =>
        Assert.That(
            BoundOptions.Refusal(
                ("Quality:Rules:Ratios:0:Name", "A260/A280"),
                ("Quality:Rules:Ratios:0:NumeratorNm", "260"),
                ("Quality:Rules:Ratios:0:DenominatorNm", "280"),
                ("Quality:Rules:Ratios:0:Min", "1.8")),
            Does.Contain("Quality:Rules:Ratios:0:Max is required"));

    [Test]
    public void Ratio_check_without_a_name_stops_the_host_naming_the_key() =>
        Assert.That(BoundOptions.Refusal(("Quality:Rules:Ratios:0:NumeratorNm", "260")), Does.Contain("Quality:Rules:Ratios:0:Name is required"));
}
