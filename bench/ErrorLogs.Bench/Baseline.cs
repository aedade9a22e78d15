namespace Portable.Bench.ErrorLogs;

/// <summary>A raw measurement that scenarios are compared with; it is measured again around each of them.</summary>
internal sealed class Baseline(string scenario, Func<Task<double>> measure)
{
    public string Scenario => scenario;

    public async Task<double> MeasureAsync()
    {
        var value = await measure();
        Console.Error.WriteLine($"  baseline {scenario}: {value:N0} rows/s");
        return value;
    }
}
