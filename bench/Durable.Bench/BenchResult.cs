using System.Globalization;

namespace Portable.Bench.Durable;

/// <summary>
/// One measured figure, with the store's raw commit rate from the same run where it is a rate, and its goal: a rate
/// is held as a ratio to that raw rate (<see cref="MinRatio"/>, the absolute figure at the quiet machine's raw
/// rate beside it), a count per workflow as an upper bound (<see cref="Max"/>).
/// </summary>
internal sealed record BenchResult(string Store, string Scenario, double Value, string Unit, double? RawCommits = null)
{
    public double? MinRatio { get; init; }

    /// <summary>What <see cref="MinRatio"/> came from: the rate, and the raw rate of the quiet machine it was set on.</summary>
    public (double Rate, double QuietRaw)? Quiet { get; init; }

    public double? Max { get; init; }

    public double? Ratio => RawCommits is > 0 ? Value / RawCommits : null;

    public bool GoalMet => (MinRatio is not { } min || Ratio >= min) && (Max is not { } max || Value <= max);

    public string GoalText
    {
        get
        {
            var verdict = GoalMet ? "met" : "MISSED";
            if (MinRatio is { } min)
            {
                var quiet = Quiet is { } q ? string.Create(CultureInfo.InvariantCulture, $" ({q.Rate:N0} at raw {q.QuietRaw:N0})") : "";
                return string.Create(CultureInfo.InvariantCulture, $"ratio >= {min:0.0000}{quiet} {verdict}");
            }

            return Max is { } max ? string.Create(CultureInfo.InvariantCulture, $"<= {max:0.##} {verdict}") : "";
        }
    }

    /// <summary>A rate goal of <paramref name="rate"/> as set on a quiet machine whose raw rate was <paramref name="quietRaw"/>.</summary>
    public BenchResult AtLeast(double? rate, double quietRaw) =>
        rate is { } goal ? this with { MinRatio = goal / quietRaw, Quiet = (goal, quietRaw) } : this;
}
