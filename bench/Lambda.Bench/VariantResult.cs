namespace Portable.Lambda.Bench;

/// <summary>What one variant measured.</summary>
/// <param name="ColdStartMs">Process start to first response posted, median over the cold runs.</param>
/// <param name="ColdStartsMs">Every cold run, in order.</param>
/// <param name="WarmP50Ms">Median round trip of a warm invocation through the Runtime API.</param>
/// <param name="WarmP99Ms">99th percentile of the same.</param>
/// <param name="PeakRssMb">VmHWM of the process after the warm invocations and a store workload.</param>
public sealed record VariantResult(string Name, double ColdStartMs, IReadOnlyList<double> ColdStartsMs, double WarmP50Ms, double WarmP99Ms, double PeakRssMb);
