using System.Diagnostics.CodeAnalysis;
using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>The configured absorbance ratios (such as A260/A280 for nucleic-acid purity), read by linear interpolation.</summary>
/// <remarks>
/// A wavelength the spectrum does not cover is a warning: the check could not run, but the spectrum
/// itself is not faulty.
/// </remarks>
internal sealed class RatioRule : ISpectrumRule
{
    public string Name => "ratio";

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        foreach (var check in options.Ratios)
        {
            if (!TryRead(sample, check.NumeratorNm, out var numerator, out var problem))
            {
                yield return NotChecked(check, problem, check.NumeratorNm);
                continue;
            }

            if (!TryRead(sample, check.DenominatorNm, out var denominator, out problem))
            {
                yield return NotChecked(check, problem, check.DenominatorNm);
                continue;
            }

            if (Math.Abs(denominator) < options.RatioMinDenominator)
            {
                yield return new Finding(
                    Name,
                    Severity.Error,
                    Invariant($"{check.Name}: absorbance {denominator:0.#####} at {check.DenominatorNm} nm is too close to zero to divide by."),
                    check.DenominatorNm);
                continue;
            }

            var ratio = numerator / denominator;
            if (!(ratio >= check.Min && ratio <= check.Max))
            {
                yield return new Finding(
                    Name,
                    Severity.Error,
                    Invariant($"{check.Name} = {ratio:0.###} is outside [{check.Min}, {check.Max}]."),
                    check.NumeratorNm);
            }
        }
    }

    /// <summary>Reads the absorbance at <paramref name="nm"/>, or says why it cannot be read.</summary>
    private static bool TryRead(SpectrumSample sample, double nm, out double absorbance, [NotNullWhen(false)] out string? problem)
    {
        absorbance = double.NaN;
        problem = null;
        var wavelengths = sample.WavelengthsNm;
        var readings = sample.Absorbance;
        if (wavelengths.Count == 0 || !(nm >= wavelengths[0] && nm <= wavelengths[^1]))
        {
            problem = Invariant($"{nm} nm is outside the measured wavelengths");
            return false;
        }

        // Binary search for the pair of neighbours that brackets nm.
        var low = 0;
        var high = wavelengths.Count - 1;
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (wavelengths[middle] <= nm)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        double? reading = nm == wavelengths[low] ? readings[low]
            : nm == wavelengths[high] ? readings[high]
            : readings[low] + ((readings[high] - readings[low]) * (nm - wavelengths[low]) / (wavelengths[high] - wavelengths[low]));
        if (!Readings.IsFinite(reading))
        {
            problem = Invariant($"the reading at {nm} nm is missing");
            return false;
        }

        absorbance = reading!.Value;
        return true;
    }

    private Finding NotChecked(RatioCheck check, string problem, double wavelengthNm) =>
        new(Name, Severity.Warning, Invariant($"{check.Name}: {problem}; the ratio was not checked."), wavelengthNm);
}
