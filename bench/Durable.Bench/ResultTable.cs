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
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"store",-12} {"scenario",-52} {"value",10}  {"unit",-18} {"raw commits/s",14} {"ratio",8}  goal"));
        foreach (var result in _results)
        {
            writer.WriteLine(Format(result));
        }
    }

    private static string Format(BenchResult result)
    {
        var raw = result.RawCommits is { } commits ? commits.ToString("N0", CultureInfo.InvariantCulture) : "";
        var ratio = result.Ratio is { } value ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "";
        // Three decimals below 100: a per-workflow count a hair over its goal must not print as the goal itself.
        var figure = result.Value >= 100 ? result.Value.ToString("N0", CultureInfo.InvariantCulture) : result.Value.ToString("0.###", CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Store,-12} {result.Scenario,-52} {figure,10}  {result.Unit,-18} {raw,14} {ratio,8}  {result.GoalText}");
    }
}
