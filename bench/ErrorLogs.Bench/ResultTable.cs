using System.Globalization;

namespace Portable.Bench.ErrorLogs;

/// <summary>Prints results as they come and the whole table at the end.</summary>
internal sealed class ResultTable
{
    private readonly List<BenchResult> _results = [];

    public BenchResult Add(BenchResult result)
    {
        _results.Add(result);
        Console.Error.WriteLine($"  {Format(result)}");
        return result;
    }

    public bool AllGoalsMet => _results.All(result => result.Met is not false);

    public void Print(TextWriter writer)
    {
        writer.WriteLine($"{"scenario",-58} {"result",16} {"baseline (same run, mean of the runs before and after)",-72} {"ratio",7}  goal");
        foreach (var result in _results)
        {
            writer.WriteLine(Format(result));
        }
    }

    private static string Format(BenchResult result)
    {
        var baseline = result.Baseline is { } b ? $"{Number(b.Value, b.Unit)} {b.Scenario}" : "";
        if (baseline.Length > 72)
        {
            baseline = baseline[..71] + "…";
        }

        var ratio = result.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "x" : "";
        var goal = result.Goal is not { } g ? ""
            : (result.LowerIsBetter ? $"<= {Number(g, result.Unit)}" : $">= {g.ToString("0.##", CultureInfo.InvariantCulture)}x")
                + (result.Met is true ? "  met" : "  NOT MET");
        return $"{result.Scenario,-58} {Number(result.Value, result.Unit),16} {baseline,-72} {ratio,7}  {goal}";
    }

    private static string Number(double value, string unit) => unit == "ms"
        ? value.ToString("F3", CultureInfo.InvariantCulture) + " ms"
        : value.ToString("N0", CultureInfo.InvariantCulture) + " " + unit;
}
