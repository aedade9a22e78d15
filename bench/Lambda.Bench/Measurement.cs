using System.Diagnostics;

namespace Portable.Lambda.Bench;

/// <summary>The measurements of one variant: cold starts, then warm invocations and the memory peak of one process.</summary>
public static class Measurement
{
    public static async Task<VariantResult> RunAsync(Variant variant, int coldRuns, int warmInvocations)
    {
        var colds = new List<double>(coldRuns);
        for (var run = 0; run < coldRuns; run++)
        {
            var (bootstrap, first) = BootstrapRun.Start(variant, Events.Metadata);
            await using (bootstrap)
            {
                var outcome = await first.Outcome.WaitAsync(TimeSpan.FromSeconds(60));
                Require(outcome.Succeeded, variant, outcome.Body);
                colds.Add(Stopwatch.GetElapsedTime(bootstrap.StartedAt, outcome.AnsweredAt).TotalMilliseconds);
            }
        }

        var (warm, firstWarm) = BootstrapRun.Start(variant, Events.Metadata);
        await using (warm)
        {
            await firstWarm.Outcome.WaitAsync(TimeSpan.FromSeconds(60));

            // Let tiered compilation and connection pools settle before timing, as a warm function would have.
            for (var i = 0; i < Math.Min(50, warmInvocations); i++)
            {
                await warm.Emulator.InvokeAsync(Events.Metadata);
            }

            var latencies = new double[warmInvocations];
            for (var i = 0; i < warmInvocations; i++)
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
            return new VariantResult(variant.Name, Median(colds), colds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), warm.PeakRssMb());
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return Percentile(sorted, 0.5);
    }

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
