using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>Absorbance clearly below zero, which usually means a wrong or dirty blank.</summary>
internal sealed class NegativeAbsorbanceRule : ISpectrumRule
{
    public string Name => "negative-absorbance";

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var (first, count) = Readings.Find(sample.Absorbance, reading => Readings.IsFinite(reading) && reading < -options.NegativeTolerance);
        if (count > 0)
        {
            var wavelength = sample.WavelengthsNm[first];
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"Absorbance below -{options.NegativeTolerance} at {Readings.Points(count)}, first {sample.Absorbance[first]} at {wavelength} nm; check the blank."),
                wavelength);
        }
    }
}
