using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>An <see cref="IErrorLogStore"/> called in process.</summary>
internal sealed class StoreTarget(string name, IErrorLogStore store, Func<string>? statistics = null) : IErrorLogTarget
{
    public string Name => name;

    public string? Statistics => statistics?.Invoke();

    public Task<double> LoadAsync(int appenders, BatchPool batches, TimeSpan warmup, TimeSpan window) =>
        Throughput.RowsPerSecondAsync(appenders, async worker =>
        {
            var logs = batches.Next(worker);
            await store.AppendAsync(logs, CancellationToken.None);
            return logs.Length;
        }, warmup, window);

    public async Task<int> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken) =>
        (await store.RecentAsync(deviceId, limit, cancellationToken)).Count;

    public ValueTask DisposeAsync() => store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
