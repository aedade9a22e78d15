namespace Portable.Bench.ErrorLogs;

/// <summary>One line of the report: a measurement, and when it has one, the baseline of the same run it is held against.</summary>
internal sealed record BenchResult(string Scenario, double Value, string Unit, BenchResult? Baseline = null, double? Goal = null, bool LowerIsBetter = false)
{
    public double? Ratio => Baseline is null ? null : Value / Baseline.Value;

    public bool? Met => Goal is not { } goal ? null
        : LowerIsBetter ? Value <= goal
        : Ratio is { } ratio ? ratio >= goal : null;
}
