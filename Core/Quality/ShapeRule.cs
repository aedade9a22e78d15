using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>Equal-length arrays, enough points, strictly increasing wavelengths.</summary>
internal sealed class ShapeRule : ISpectrumRule
{
    public string Name => "shape";

    /// <summary>Whether the other rules may pair readings with wavelengths by index and rely on their order.</summary>
    public static bool IsAligned(SpectrumSample sample) =>
        sample.WavelengthsNm.Count == sample.Absorbance.Count && FirstUnorderedIndex(sample.WavelengthsNm) < 0;

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var wavelengths = sample.WavelengthsNm;
        if (wavelengths.Count != sample.Absorbance.Count)
        {
            yield return Error(Invariant($"wavelengthsNm has {wavelengths.Count} values but absorbance has {sample.Absorbance.Count}."), null);
        }

        var points = Math.Min(wavelengths.Count, sample.Absorbance.Count);
        if (points < options.MinPoints)
        {
            yield return Error(Invariant($"The spectrum has {Readings.Points(points)}; at least {options.MinPoints} are required."), null);
        }

        var unordered = FirstUnorderedIndex(wavelengths);
        if (unordered > 0)
        {
            var wavelength = wavelengths[unordered];
            yield return Error(
                Invariant($"Wavelengths must increase strictly; {wavelength} nm follows {wavelengths[unordered - 1]} nm."),
                wavelength);
        }
    }

    // Written as "not greater" so that a NaN wavelength also counts as out of order.
    private static int FirstUnorderedIndex(IReadOnlyList<double> wavelengths)
    {
        for (var i = 1; i < wavelengths.Count; i++)
        {
            if (!(wavelengths[i] > wavelengths[i - 1]))
            {
                return i;
            }
        }

        return -1;
    }

    private Finding Error(string message, double? wavelengthNm) => new(Name, Severity.Error, message, wavelengthNm);
}
