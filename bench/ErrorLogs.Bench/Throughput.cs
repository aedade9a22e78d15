using System.Diagnostics;

namespace Portable.Bench.ErrorLogs;

/// <summary>Runs concurrent workers in a loop and counts the rows they complete in a measured window after a warm-up.</summary>
internal static class Throughput
{
    /// <param name="operation">One unit of work of worker <c>i</c>; returns the rows it wrote.</param>
    public static async Task<double> RowsPerSecondAsync(int workers, Func<int, Task<int>> operation, TimeSpan warmup, TimeSpan window)
    {
        long rows = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var done = await operation(worker);
                if (Volatile.Read(ref measuring))
                {
                    Interlocked.Add(ref rows, done);
                }
            }
        })).ToArray();

        await Task.Delay(warmup);
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, true);
        await Task.Delay(window);
        Volatile.Write(ref measuring, false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        return Interlocked.Read(ref rows) / elapsed.TotalSeconds;
    }
}
