using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>High-frequency noise, estimated from second differences of neighbouring readings.</summary>
/// <remarks>
/// A second difference cancels any locally linear signal, so on a smooth spectrum it is noise alone;
/// for white noise of standard deviation s its variance is 6 s^2, so the estimate is RMS / sqrt(6) and
/// <see cref="QualityOptions.NoiseMaxRms"/> reads as that s. Points are taken by index, which assumes
/// roughly even wavelength steps; peaks only a few points wide also count as noise. Above the limit is an
/// error; there is no warning band.
/// </remarks>
internal sealed class NoiseRule : ISpectrumRule
{
    public string Name => "noise";

    /// <summary>The noise estimate and the index of the largest second difference, or -1 when fewer than three finite neighbours exist.</summary>
    public static (double Rms, int WorstIndex) Estimate(IReadOnlyList<double?> readings)
    {
        var sumOfSquares = 0.0;
        var terms = 0;
        var worst = -1;
        var worstMagnitude = 0.0;
        for (var i = 1; i < readings.Count - 1; i++)
        {
            // Missing readings are the nan rule's finding; skipping them keeps one fault from raising two.
            if (readings[i - 1] is not { } before || readings[i] is not { } here || readings[i + 1] is not { } after)
            {
                continue;
            }

            var difference = before - (2 * here) + after;
            if (!double.IsFinite(difference))
            {
                continue;
            }

            sumOfSquares += difference * difference;
            terms++;
            if (Math.Abs(difference) > worstMagnitude || worst < 0)
            {
                worstMagnitude = Math.Abs(difference);
                worst = i;
            }
        }

        return terms == 0 ? (0, -1) : (Math.Sqrt(sumOfSquares / terms / 6), worst);
    }

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var (rms, worst) = Estimate(sample.Absorbance);
        if (rms > options.NoiseMaxRms)
        {
            var wavelength = sample.WavelengthsNm[worst];
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"Noise estimate {rms:0.####} exceeds {options.NoiseMaxRms}; the largest jump is near {wavelength} nm."),
                wavelength);
        }
    }
}
