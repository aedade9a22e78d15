using System.Diagnostics;

namespace Portable.Bench.ErrorLogs;

/// <summary>Times one call after another (a single client) and reports percentiles in milliseconds.</summary>
internal static class Latency
{
    public static async Task<LatencySummary> MeasureAsync(int warmupCalls, int calls, Func<int, Task> call)
    {
        for (var i = 0; i < warmupCalls; i++)
        {
            await call(i);
        }

        var samples = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new LatencySummary(Percentile(samples, 0.50), Percentile(samples, 0.99), samples[^1]);
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];
}
