using Microsoft.Extensions.Logging;

namespace Portable.Core.Idempotency;

/// <summary>
/// Deletes the idempotency keys past their time. A store forgets an expired key only when the same key is used again,
/// so without this sweep the keys never reused would stay for ever. Every host runs it hourly on its own schedule.
/// </summary>
/// <remarks>
/// In batches of <see cref="IdempotencyOptions.SweepBatchSize"/>, each its own short transaction: one statement over
/// every expired key would lock them all, for as long as a large delete takes, against the requests and messages that
/// store keys meanwhile. A run stops after <see cref="IdempotencyOptions.SweepMaxBatches"/> batches, so it ends in a
/// bounded time whatever the backlog; the next run takes up the rest.
/// </remarks>
public sealed partial class IdempotencyKeySweep(IExpiredKeyStore store, IdempotencyOptions options, TimeProvider time, ILogger<IdempotencyKeySweep> logger)
{
    /// <summary>Deletes expired keys until none is left, the run's bound is reached or <paramref name="cancellationToken"/> fires (what is deleted by then stays deleted).</summary>
    /// <returns>How many keys the run deleted.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // One instant for the whole run: keys that expire meanwhile wait for the next run, rather than keep this one going.
        var now = time.GetUtcNow();
        var removed = 0;
        for (var batch = 0; batch < options.SweepMaxBatches; batch++)
        {
            int deleted;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                deleted = await store.DeleteExpiredAsync(now, options.SweepBatchSize, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogStopped(logger, removed);
                return removed;
            }

            removed += deleted;
            if (deleted < options.SweepBatchSize)
            {
                // An hourly run that found nothing is not news.
                LogSwept(logger, removed == 0 ? LogLevel.Debug : LogLevel.Information, removed);
                return removed;
            }
        }

        LogBoundReached(logger, removed, options.SweepMaxBatches, options.SweepBatchSize);
        return removed;
    }

    [LoggerMessage(Message = "Idempotency key sweep removed {Count} expired key(s)")]
    private static partial void LogSwept(ILogger logger, LogLevel level, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key sweep removed {Count} expired keys and stopped at its bound of {Batches} batches of {BatchSize}; the rest wait for the next run (Idempotency:Sweep:MaxBatches raises the bound)")]
    private static partial void LogBoundReached(ILogger logger, int count, int batches, int batchSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency key sweep stopped, its time up, after removing {Count} expired key(s); the rest wait for the next run")]
    private static partial void LogStopped(ILogger logger, int count);
}
