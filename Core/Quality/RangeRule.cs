using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>Wavelengths inside the instrument's range and absorbance below the physically measurable maximum.</summary>
/// <remarks>Non-finite readings belong to the <c>nan</c> rule and negative ones to <c>negative-absorbance</c>.</remarks>
internal sealed class RangeRule : ISpectrumRule
{
    public string Name => "range";

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var wavelengths = sample.WavelengthsNm;
        var (first, count) = Readings.Find(wavelengths, nm => !(nm >= options.MinWavelengthNm && nm <= options.MaxWavelengthNm));
        if (count > 0)
        {
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"Wavelengths outside {options.MinWavelengthNm}-{options.MaxWavelengthNm} nm at {Readings.Points(count)}, first {wavelengths[first]} nm."),
                wavelengths[first]);
        }

        (first, count) = Readings.Find(sample.Absorbance, reading => Readings.IsFinite(reading) && reading > options.MaxAbsorbance);
        if (count > 0)
        {
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"Absorbance above the measurable maximum {options.MaxAbsorbance} at {Readings.Points(count)}, first {sample.Absorbance[first]} at {wavelengths[first]} nm."),
                wavelengths[first]);
        }
    }
}
