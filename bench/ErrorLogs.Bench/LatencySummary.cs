namespace Portable.Bench.ErrorLogs;

internal sealed record LatencySummary(double P50, double P99, double Max);
