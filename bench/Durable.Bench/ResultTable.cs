using System.Globalization;

namespace Portable.Bench.Durable;

/// <summary>Prints results as they come (to stderr) and the whole table at the end (to stdout).</summary>
internal sealed class ResultTable
{
    private readonly List<BenchResult> _results = [];

    public bool AllGoalsMet => _results.All(result => result.GoalMet);

    public BenchResult Add(BenchResult result)
    {
        _results.Add(result);
        Console.Error.WriteLine(Format(result));
        return result;
    }

    public void Print(TextWriter writer)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"store",-7} {"scenario",-44} {"rate",12}  {"unit",-15} {"raw commits/s",14} {"ratio",8}  goal"));
        foreach (var result in _results)
        {
            writer.WriteLine(Format(result));
        }
    }

    private static string Format(BenchResult result)
    {
        var raw = result.RawCommits is { } commits ? commits.ToString("N0", CultureInfo.InvariantCulture) : "";
        var ratio = result.Ratio is { } value ? value.ToString("0.000", CultureInfo.InvariantCulture) : "";
        var goal = result.Goal is { } target
            ? string.Create(CultureInfo.InvariantCulture, $">= {target:N0} {(result.GoalMet ? "met" : "MISSED")}")
            : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Store,-7} {result.Scenario,-44} {result.Value,12:N0}  {result.Unit,-15} {raw,14} {ratio,8}  {goal}");
    }
}
