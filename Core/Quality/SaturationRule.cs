using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>A plateau of readings at or above the saturation level: the detector ran out of light.</summary>
/// <remarks>A single high point is a spike, not saturation, hence the minimum run length.</remarks>
internal sealed class SaturationRule : ISpectrumRule
{
    public string Name => "saturation";

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var readings = sample.Absorbance;
        var firstStart = -1;
        var firstLength = 0;
        var plateaus = 0;
        var runStart = -1;
        for (var i = 0; i <= readings.Count; i++)
        {
            var saturated = i < readings.Count && Readings.IsFinite(readings[i]) && readings[i] >= options.SaturationAbsorbance;
            if (saturated)
            {
                runStart = runStart < 0 ? i : runStart;
                continue;
            }

            if (runStart >= 0 && i - runStart >= options.SaturationMinPoints)
            {
                plateaus++;
                if (firstStart < 0)
                {
                    firstStart = runStart;
                    firstLength = i - runStart;
                }
            }

            runStart = -1;
        }

        if (plateaus > 0)
        {
            var wavelength = sample.WavelengthsNm[firstStart];
            var more = plateaus > 1 ? Invariant($", and {plateaus - 1} more plateau(s)") : string.Empty;
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"Absorbance at or above {options.SaturationAbsorbance} for {firstLength} consecutive points from {wavelength} nm{more}; the detector is saturated, dilute the sample."),
                wavelength);
        }
    }
}
