using Microsoft.Extensions.Time.Testing;
using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class SpectrumCheckerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Clean_spectrum_passes_without_any_finding()
    {
        var verdict = Check(Spectra.Clean());

        Assert.That(verdict.Passed, Is.True);
        Assert.That(verdict.Findings, Is.Empty);
    }

    [Test]
    public void Verdict_carries_the_sample_id_and_the_time_of_the_check()
    {
        var verdict = Check(Spectra.Clean("S-0042"));

        Assert.That(verdict.SampleId, Is.EqualTo("S-0042"));
        Assert.That(verdict.CheckedAt, Is.EqualTo(Now));
    }

    [Test]
    public void Unequal_array_lengths_fail_shape_and_skip_the_other_rules()
    {
        var clean = Spectra.Clean();
        var sample = clean with { Absorbance = clean.Absorbance.Take(500).ToArray() };

        var verdict = Check(sample);

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Findings.Select(finding => finding.Rule), Is.All.EqualTo("shape"));
        Assert.That(verdict.Findings.Single(finding => finding.Severity == Severity.Error).Message, Does.Contain("601").And.Contain("500"));
        Assert.That(verdict.Findings.Single(finding => finding.Severity == Severity.Warning).Message, Does.Contain("skipped"));
    }

    [Test]
    public void Unsorted_wavelengths_are_reported_at_the_first_out_of_order_wavelength()
    {
        var clean = Spectra.Clean();
        var wavelengths = clean.WavelengthsNm.ToArray();
        (wavelengths[200], wavelengths[201]) = (wavelengths[201], wavelengths[200]);

        var verdict = Check(clean with { WavelengthsNm = wavelengths });

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Findings.Select(finding => finding.Rule), Is.All.EqualTo("shape"));
        Assert.That(ErrorsOf(verdict).Single().WavelengthNm, Is.EqualTo(400));
    }

    [Test]
    public void Too_few_points_fail_shape()
    {
        var verdict = Check(Spectra.Build(200, 206, Spectra.CleanAbsorbance));

        Assert.That(verdict.Passed, Is.False);
        Assert.That(ErrorsOf(verdict).Select(finding => finding.Rule), Is.EqualTo(new[] { "shape" }));
        Assert.That(ErrorsOf(verdict).Single().Message, Does.Contain("7 points"));
    }

    [Test]
    public void Wavelengths_outside_the_instrument_range_fail_range()
    {
        var verdict = Check(Spectra.Build(185, 800, Spectra.CleanAbsorbance));

        AssertOnlyFinding(verdict, "range", wavelengthNm: 185);
        Assert.That(verdict.Findings.Single().Message, Does.Contain("5 points"));
    }

    [Test]
    public void Absorbance_above_the_measurable_maximum_fails_range()
    {
        // So high a peak is also a saturated plateau; raising the saturation level isolates the range rule.
        var options = new QualityOptions { SaturationAbsorbance = 10 };
        var sample = Spectra.Clean().WithAbsorbance((nm, a) => a + Spectra.Gaussian(nm, 400, 4.5, 15));

        var verdict = Check(sample, options);

        var firstAbove = sample.WavelengthsNm.First(nm => Spectra.CleanAbsorbance(nm) + Spectra.Gaussian(nm, 400, 4.5, 15) > 4.0);
        AssertOnlyFinding(verdict, "range", firstAbove);
    }

    [Test]
    public void Missing_and_non_finite_readings_are_counted_and_reported_at_the_first()
    {
        var sample = Spectra.Clean()
            .WithReadingAt(450, null)
            .WithReadingAt(451, double.NaN)
            .WithReadingAt(600, double.PositiveInfinity);

        var verdict = Check(sample);

        AssertOnlyFinding(verdict, "nan", wavelengthNm: 450);
        Assert.That(verdict.Findings.Single().Message, Does.Contain("3 points"));
    }

    [Test]
    public void Saturated_plateau_is_reported_at_its_first_wavelength()
    {
        // A peak clipped flat at 3.3, as a detector that runs out of light records it.
        var sample = Spectra.Clean().WithAbsorbance((nm, a) => Math.Min(3.3, a!.Value + Spectra.Gaussian(nm, 400, 3.6, 15)));

        var verdict = Check(sample);

        // 0.05 + 3.6 exp(-(nm - 400)^2 / 450) first reaches 3.0 at 391 nm.
        AssertOnlyFinding(verdict, "saturation", wavelengthNm: 391);
    }

    [Test]
    public void Two_high_points_are_a_spike_rather_than_a_saturated_plateau()
    {
        var sample = Spectra.Clean().WithReadingAt(400, 3.5).WithReadingAt(401, 3.5);

        var verdict = Check(sample);

        Assert.That(verdict.Findings.Select(finding => finding.Rule), Has.None.EqualTo("saturation"));
    }

    [Test]
    public void Negative_absorbance_is_reported_at_its_first_wavelength()
    {
        var sample = Spectra.Clean().WithAbsorbance((nm, a) => a - Spectra.Gaussian(nm, 450, 0.15, 10));

        var verdict = Check(sample);

        // 0.05 - 0.15 exp(-(nm - 450)^2 / 200) first falls below -0.01 at 437 nm.
        AssertOnlyFinding(verdict, "negative-absorbance", wavelengthNm: 437);
    }

    [Test]
    public void Noisy_spectrum_fails_noise()
    {
        var verdict = Check(Noisy(Spectra.Clean(), amplitude: 0.05));

        AssertOnlyFinding(verdict, "noise", wavelengthNm: null);
    }

    [Test]
    public void Baseline_that_rises_across_the_non_absorbing_region_fails_baseline_drift()
    {
        var sample = Spectra.Clean().WithAbsorbance((nm, a) => nm < 700 ? a : a + (0.1 * (nm - 700) / 100));

        var verdict = Check(sample);

        AssertOnlyFinding(verdict, "baseline-drift", wavelengthNm: 700);
        Assert.That(verdict.Findings.Single().Message, Does.Contain("+0.096"));
    }

    [Test]
    public void Spectrum_that_misses_the_baseline_region_passes_with_a_warning_that_drift_was_not_checked()
    {
        var verdict = Check(Spectra.Build(200, 650, Spectra.CleanAbsorbance));

        Assert.That(verdict.Passed, Is.True);
        var finding = verdict.Findings.Single();
        Assert.That(finding.Rule, Is.EqualTo("baseline-drift"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Message, Does.Contain("not checked"));
    }

    [Test]
    public void Each_rule_reports_its_fault_once_however_many_points_it_affects()
    {
        var sample = Spectra.Clean().WithAbsorbance((nm, a) => nm is >= 300 and < 350 ? null : a);

        var verdict = Check(sample);

        Assert.That(verdict.Findings, Has.Count.EqualTo(1));
        Assert.That(verdict.Findings.Single().Message, Does.Contain("50 points"));
    }

    [Test]
    public void Rule_names_are_unique_and_kebab_case()
    {
        Assert.That(SpectrumChecker.RuleNames, Is.Unique);
        Assert.That(SpectrumChecker.RuleNames, Is.All.Match("^[a-z]+(-[a-z]+)*$"));
        Assert.That(
            SpectrumChecker.RuleNames,
            Is.EquivalentTo(new[] { "shape", "range", "nan", "saturation", "negative-absorbance", "noise", "baseline-drift", "ratio" }));
    }

    internal static QualityVerdict Check(SpectrumSample sample, QualityOptions? options = null) =>
        new SpectrumChecker(options ?? new QualityOptions(), new FakeTimeProvider(Now)).Check(sample);

    /// <summary>Adds seeded uniform noise in [-amplitude, amplitude], whose standard deviation is amplitude / sqrt(3).</summary>
    internal static SpectrumSample Noisy(SpectrumSample sample, double amplitude)
    {
        var random = new Random(20261123);
        return sample.WithAbsorbance((_, a) => a + (amplitude * ((2 * random.NextDouble()) - 1)));
    }

    private static IEnumerable<Finding> ErrorsOf(QualityVerdict verdict) =>
        verdict.Findings.Where(finding => finding.Severity == Severity.Error);

    /// <summary>The fault was found by exactly the intended rule, as one error, and it failed the verdict.</summary>
    private static void AssertOnlyFinding(QualityVerdict verdict, string rule, double? wavelengthNm)
    {
        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Findings, Has.Count.EqualTo(1), () => string.Join(" | ", verdict.Findings));
        var finding = verdict.Findings.Single();
        Assert.That(finding.Rule, Is.EqualTo(rule));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        if (wavelengthNm is not null)
        {
            Assert.That(finding.WavelengthNm, Is.EqualTo(wavelengthNm));
        }
    }
}
