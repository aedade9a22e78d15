namespace Portable.Bench.ErrorLogs;

/// <summary>
/// What a scenario drives: a store in this process, or a running host over HTTP (POST/GET /api/logs), so the same
/// scenarios run through the whole stack.
/// </summary>
internal interface IErrorLogTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>What the target can tell about how it did the work (the coalescing store: its flushes), or null.</summary>
    string? Statistics { get; }

    /// <summary>
    /// Appends from <paramref name="appenders"/> concurrent callers, each taking its batches from
    /// <paramref name="batches"/>, and counts the rows committed in <paramref name="window"/> after <paramref name="warmup"/>.
    /// </summary>
    Task<double> LoadAsync(int appenders, BatchPool batches, TimeSpan warmup, TimeSpan window);

    Task<int> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken);
}
