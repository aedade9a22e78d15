using System.Diagnostics;
using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>Sits between the coalescing store and the MySQL store and counts the flushes, their rows and their time.</summary>
internal sealed class FlushMeter(IErrorLogStore inner) : IErrorLogStore
{
    private long _flushes;
    private long _rows;
    private long _ticks;

    public string Summary()
    {
        var flushes = Interlocked.Read(ref _flushes);
        return flushes == 0 ? "no flushes"
            : $"{flushes:N0} flushes of {(double)Interlocked.Read(ref _rows) / flushes:F1} rows, {TimeSpan.FromTicks(Interlocked.Read(ref _ticks) / flushes).TotalMilliseconds:F2} ms each";
    }

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var ids = await inner.AppendAsync(logs, cancellationToken);
        Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
        Interlocked.Add(ref _rows, logs.Count);
        Interlocked.Increment(ref _flushes);
        return ids;
    }

    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken) =>
        inner.RecentAsync(deviceId, limit, cancellationToken);
}
