using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class RatioRuleTests
{
    // The clean spectrum reads 1.05 at 260 nm and 0.05 + exp(-0.5) at 280 nm.
    private static readonly double CleanA260OverA280 = 1.05 / (0.05 + Math.Exp(-0.5));

    [Test]
    public void Ratio_inside_its_range_passes()
    {
        var verdict = Check(Spectra.Clean(), new RatioCheck("A260/A280", 260, 280, 1.5, 1.7));

        Assert.That(verdict.Passed, Is.True);
        Assert.That(verdict.Findings, Is.Empty);
    }

    [Test]
    public void Ratio_outside_its_range_fails_with_the_computed_ratio_in_the_message()
    {
        var verdict = Check(Spectra.Clean(), new RatioCheck("A260/A280", 260, 280, 1.8, 2.2));

        Assert.That(verdict.Passed, Is.False);
        var finding = verdict.Findings.Single();
        Assert.That(finding.Rule, Is.EqualTo("ratio"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.StartWith("A260/A280 = 1.599").And.Contain("[1.8, 2.2]"));
        Assert.That(CleanA260OverA280, Is.EqualTo(1.599).Within(0.0005));
    }

    [Test]
    public void Ratio_reads_absorbance_between_points_by_linear_interpolation()
    {
        // Absorbance proportional to wavelength, so interpolation is exact: A(250.5) / A(501) = 0.5.
        var linear = Spectra.Build(200, 800, nm => nm / 1000);

        var exact = Check(linear, new RatioCheck("half", 250.5, 501, 0.5 - 1e-9, 0.5 + 1e-9));
        var tooLow = Check(linear, new RatioCheck("half", 250.5, 501, 0.51, 0.6));

        Assert.That(RatioFindings(exact), Is.Empty);
        Assert.That(RatioFindings(tooLow).Single().Message, Does.StartWith("half = 0.5 "));
    }

    [Test]
    public void Wavelength_outside_the_spectrum_is_a_warning_that_the_ratio_was_not_checked()
    {
        var verdict = Check(Spectra.Clean(), new RatioCheck("A1000/A280", 1000, 280, 0, 1));

        Assert.That(verdict.Passed, Is.True);
        var finding = verdict.Findings.Single();
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.WavelengthNm, Is.EqualTo(1000));
        Assert.That(finding.Message, Does.Contain("not checked"));
    }

    [Test]
    public void Denominator_near_zero_fails_rather_than_dividing()
    {
        var zeroBaseline = Spectra.Build(200, 800, nm => Spectra.Gaussian(nm, 260, 1.0, 20));

        var verdict = Check(zeroBaseline, new RatioCheck("A260/A700", 260, 700, 0, 1000));

        var finding = RatioFindings(verdict).Single();
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.WavelengthNm, Is.EqualTo(700));
        Assert.That(finding.Message, Does.Contain("too close to zero"));
    }

    [Test]
    public void Missing_reading_at_a_ratio_wavelength_is_a_warning()
    {
        var sample = Spectra.Clean().WithReadingAt(280, null);

        var verdict = Check(sample, new RatioCheck("A260/A280", 260, 280, 1.5, 1.7));

        var finding = RatioFindings(verdict).Single();
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Message, Does.Contain("missing"));
    }

    [Test]
    public void Every_configured_ratio_is_checked()
    {
        var verdict = Check(
            Spectra.Clean(),
            new RatioCheck("first", 260, 280, 1.8, 2.2),
            new RatioCheck("second", 260, 280, 0, 1));

        Assert.That(RatioFindings(verdict).Select(finding => finding.Message[..finding.Message.IndexOf(' ', StringComparison.Ordinal)]), Is.EqualTo(new[] { "first", "second" }));
    }

    private static QualityVerdict Check(SpectrumSample sample, params RatioCheck[] ratios) =>
        SpectrumCheckerTests.Check(sample, new QualityOptions { Ratios = [.. ratios] });

    private static IEnumerable<Finding> RatioFindings(QualityVerdict verdict) =>
        verdict.Findings.Where(finding => finding.Rule == "ratio");
}
