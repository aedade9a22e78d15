using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// What a scenario drives: a store in this process today; an HTTP client of a running host (POST/GET /api/logs)
/// is another implementation, so the same scenarios can run through the whole stack.
/// </summary>
internal interface IErrorLogTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>What the target can tell about how it did the work (the coalescing store: its flushes), or null.</summary>
    string? Statistics { get; }

    Task AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken);

    Task<int> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken);
}
