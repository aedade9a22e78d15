using static System.FormattableString;

namespace Portable.Core.Quality;

/// <summary>
/// Drift across a region where the sample should not absorb: the mean of the first window of points
/// in the region against the mean of the last window.
/// </summary>
/// <remarks>
/// When the spectrum does not reach across the region the drift cannot be measured; that is a warning,
/// so the verdict says the check did not run rather than implying the baseline is fine.
/// </remarks>
internal sealed class BaselineDriftRule : ISpectrumRule
{
    public string Name => "baseline-drift";

    public IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options)
    {
        var wavelengths = sample.WavelengthsNm;
        var start = options.BaselineRegionStartNm;
        var end = options.BaselineRegionEndNm;
        // Options built in code are not validated; a window needs a point, and this keeps indices in range.
        var window = Math.Max(1, options.BaselineWindowPoints);
        if (wavelengths.Count == 0 || wavelengths[0] > start || wavelengths[^1] < end)
        {
            yield return Warning(Invariant($"The spectrum does not cover the baseline region {start}-{end} nm; drift was not checked."));
            yield break;
        }

        var first = FirstIndexAtOrAbove(wavelengths, start);
        var last = LastIndexAtOrBelow(wavelengths, end);
        var inRegion = last - first + 1;
        if (inRegion < 2 * window)
        {
            yield return Warning(Invariant($"The baseline region {start}-{end} nm holds {Readings.Points(inRegion)}, fewer than two windows of {window}; drift was not checked."));
            yield break;
        }

        var startMean = FiniteMean(sample.Absorbance, first, window);
        var endMean = FiniteMean(sample.Absorbance, last - window + 1, window);
        if (double.IsNaN(startMean) || double.IsNaN(endMean))
        {
            yield return Warning(Invariant($"A baseline window in {start}-{end} nm has no valid readings; drift was not checked."));
            yield break;
        }

        var drift = endMean - startMean;
        if (Math.Abs(drift) > options.BaselineMaxDrift)
        {
            yield return new Finding(
                Name,
                Severity.Error,
                Invariant($"The baseline drifted by {drift:+0.####;-0.####} between {wavelengths[first]} nm and {wavelengths[last]} nm; the limit is {options.BaselineMaxDrift}."),
                wavelengths[first]);
        }
    }

    private static int FirstIndexAtOrAbove(IReadOnlyList<double> wavelengths, double nm)
    {
        var i = 0;
        while (i < wavelengths.Count && wavelengths[i] < nm)
        {
            i++;
        }

        return i;
    }

    private static int LastIndexAtOrBelow(IReadOnlyList<double> wavelengths, double nm)
    {
        var i = wavelengths.Count - 1;
        while (i >= 0 && wavelengths[i] > nm)
        {
            i--;
        }

        return i;
    }

    /// <summary>The mean of the finite readings in the window, NaN when there are none.</summary>
    private static double FiniteMean(IReadOnlyList<double?> readings, int from, int count)
    {
        var sum = 0.0;
        var used = 0;
        for (var i = from; i < from + count; i++)
        {
            if (Readings.IsFinite(readings[i]))
            {
                sum += readings[i]!.Value;
                used++;
            }
        }

        return used == 0 ? double.NaN : sum / used;
    }

    private Finding Warning(string message) => new(Name, Severity.Warning, message, null);
}
