using Portable.Core.Idempotency;

namespace Portable.Core.ErrorLogs;

/// <summary>
/// The error-log store's append under an idempotency key: the batch and its key in one transaction, so a repeat (a
/// retried request, a redelivered message) gets the ids of the first append and stores nothing.
/// </summary>
public interface IIdempotentErrorLogStore
{
    /// <summary>
    /// Stores the batch once for <paramref name="key"/> (kept until <paramref name="keepUntil"/>) and returns its ids; a
    /// repeat gets the same ids, a repeat with another batch an <see cref="IdempotencyMismatchException"/>.
    /// </summary>
    Task<IReadOnlyList<long>> AppendOnceAsync(
        IReadOnlyList<ErrorLog> logs, IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken);
}
