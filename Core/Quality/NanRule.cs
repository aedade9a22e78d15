using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>Missing (null), NaN or infinite absorbance readings.</summary>
internal sealed class NanRule : ISpectrumRule
{
    public string Name => "nan";

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var (first, count) = Readings.Find(sample.Absorbance, reading => !Readings.IsFinite(reading));
        if (count > 0)
        {
            var wavelength = sample.WavelengthsNm[first];
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"Missing or non-finite absorbance at {Readings.Points(count)}, first at {wavelength} nm."),
                wavelength);
        }
    }
}
