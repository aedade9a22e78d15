using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class NoiseRuleTests
{
    [Test]
    public void Estimate_of_white_noise_is_its_standard_deviation()
    {
        var random = new Random(7);
        const double sigma = 0.03;

        // Box-Muller: normally distributed noise on a sloped line, which second differences cancel.
        var readings = Enumerable.Range(0, 20000)
            .Select(i => (double?)((0.001 * i) + (sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))))
            .ToArray();

        var (rms, _) = NoiseRule.Estimate(readings);

        Assert.That(rms, Is.EqualTo(sigma).Within(5).Percent);
    }

    [Test]
    public void Estimate_of_a_smooth_spectrum_is_near_zero()
    {
        var (rms, _) = NoiseRule.Estimate(Spectra.Clean().Absorbance);

        Assert.That(rms, Is.LessThan(0.001));
    }

    [Test]
    public void Estimate_skips_missing_readings_and_short_spectra()
    {
        Assert.That(NoiseRule.Estimate([0.1, null, 0.1, 0.1, 0.1]), Is.EqualTo((0.0, 3)));
        Assert.That(NoiseRule.Estimate([0.1, 0.2]), Is.EqualTo((0.0, -1)));
    }

    [Test]
    public void Noise_finding_points_at_the_largest_jump()
    {
        var sample = SpectrumCheckerTests.Noisy(Spectra.Clean(), amplitude: 0.01).WithReadingAt(555, 1.05);

        var verdict = SpectrumCheckerTests.Check(sample);

        var noise = verdict.Findings.Single(finding => finding.Rule == "noise");
        Assert.That(noise.WavelengthNm, Is.EqualTo(555));
    }
}
