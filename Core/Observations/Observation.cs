namespace Portable.Core.Observations;

/// <summary>
/// One observation of one series. <paramref name="SeriesKey"/> is the SDMX dimension-index key
/// (such as "0:0:0:0:0"); <paramref name="Value"/> is null where the source publishes the period
/// without a value, so callers can tell a gap from a missing period.
/// </summary>
public sealed record Observation(string SeriesKey, string Period, double? Value);
