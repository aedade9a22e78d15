namespace Portable.Bench.Durable;

/// <summary>One measured rate, with the store's raw commit rate from the same run and, where the issues set one, the goal.</summary>
internal sealed record BenchResult(string Store, string Scenario, double Value, string Unit, double? RawCommits = null, double? Goal = null)
{
    public double? Ratio => RawCommits is > 0 ? Value / RawCommits : null;

    public bool GoalMet => Goal is not { } goal || Value >= goal;
}
