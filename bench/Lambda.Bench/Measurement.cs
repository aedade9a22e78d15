using System.Diagnostics;

namespace Portable.Lambda.Bench;

/// <summary>The measurements of a variant: one cold start, or warm invocations and the memory peak of one process.</summary>
public static class Measurement
{
    /// <summary>Starts a process with the first event waiting; process start to its response posted, in ms.</summary>
    public static async Task<double> ColdStartAsync(Variant variant)
    {
        var (bootstrap, first) = BootstrapRun.Start(variant, Events.Metadata);
        await using (bootstrap)
        {
            var outcome = await first.Outcome.WaitAsync(TimeSpan.FromSeconds(60));
            Require(outcome.Succeeded, variant, outcome.Body);
            return Stopwatch.GetElapsedTime(bootstrap.StartedAt, outcome.AnsweredAt).TotalMilliseconds;
        }
    }

    /// <summary>Warm round trips through the Runtime API (p50, p99 in ms), then a store workload, then the peak RSS.</summary>
    public static async Task<(double P50, double P99, double PeakRssMb)> WarmAsync(Variant variant, int invocations)
    {
        var (warm, first) = BootstrapRun.Start(variant, Events.Metadata);
        await using (warm)
        {
            await first.Outcome.WaitAsync(TimeSpan.FromSeconds(60));

            // Let tiered compilation and pools settle before timing, as in a function that has been warm a while.
            for (var i = 0; i < 50; i++)
            {
                await warm.Emulator.InvokeAsync(Events.Metadata);
            }

            var latencies = new double[invocations];
            for (var i = 0; i < invocations; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await warm.Emulator.InvokeAsync(Events.Metadata);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Require(outcome.Succeeded, variant, outcome.Body);
            }

            for (var batch = 0; batch < 20; batch++)
            {
                Require((await warm.Emulator.InvokeAsync(Events.PostLogs(batch))).Body.Contains("\"statusCode\":201", StringComparison.Ordinal), variant, "POST /api/logs");
                Require((await warm.Emulator.InvokeAsync(Events.ReadLogs)).Body.Contains("\"statusCode\":200", StringComparison.Ordinal), variant, "GET /api/logs");
            }

            Array.Sort(latencies);
            return (Percentile(latencies, 0.50), Percentile(latencies, 0.99), warm.PeakRssMb());
        }
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToArray(), 0.5);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Require(bool condition, Variant variant, string detail)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{variant.Name}: unexpected answer: {detail}");
        }
    }
}
