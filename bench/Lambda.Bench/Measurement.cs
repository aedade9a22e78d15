using System.Diagnostics;
using Portable.Aws.Tests.Emulator;

namespace Portable.Lambda.Bench;

/// <summary>The measurements of a variant: cold starts, warm invocations and memory peaks.</summary>
public static class Measurement
{
    /// <summary>
    /// Starts a process as <paramref name="function"/> with its first event waiting: process start to its response
    /// posted (wall), the CPU the process spent by then, and its peak memory.
    /// </summary>
    public static async Task<ColdStart> ColdStartAsync(Variant variant, Function function, Stores stores)
    {
        var cpuBefore = ChildCpu.TotalMs();
        var (bootstrap, first) = BootstrapRun.Start(variant, function, stores);
        InvocationOutcome outcome;
        double peak;
        await using (bootstrap)
        {
            outcome = await first.Outcome.WaitAsync(TimeSpan.FromSeconds(60));
            Require(outcome.Succeeded && function.Succeeded(outcome.Body), variant, $"{function.Handler}: {outcome.Body}");
            peak = bootstrap.PeakRssMb();
        }

        // Disposed: killed and reaped, so its CPU is in the children's total. What it did after answering is the
        // start of its next poll of the Runtime API, a few system calls.
        return new ColdStart(Stopwatch.GetElapsedTime(bootstrap.StartedAt, outcome.AnsweredAt).TotalMilliseconds, ChildCpu.TotalMs() - cpuBefore, peak);
    }

    /// <summary>
    /// The same executable started without a Runtime API: it reaches its entry point, says so and exits. What the
    /// runtime itself costs before any of the project's code runs: the floor under every cold start of this build.
    /// </summary>
    public static async Task<ColdStart> BareStartAsync(Variant variant)
    {
        var cpuBefore = ChildCpu.TotalMs();
        var start = new ProcessStartInfo(variant.Executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");
        var startedAt = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{variant.Executable} did not start.");
        await process.WaitForExitAsync();
        var wall = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        if (process.ExitCode != 2)
        {
            throw new InvalidOperationException($"{variant.Name}: a start without a Runtime API exited with {process.ExitCode}, not 2.");
        }

        return new ColdStart(wall, ChildCpu.TotalMs() - cpuBefore, 0);
    }

    /// <summary>Warm round trips of the api function through the Runtime API (p50, p99 in ms), then a store workload, then the peak RSS.</summary>
    public static async Task<(double P50, double P99, double PeakRssMb)> WarmAsync(Variant variant, int invocations, Stores stores)
    {
        var (warm, first) = BootstrapRun.Start(variant, Function.Api, stores);
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
