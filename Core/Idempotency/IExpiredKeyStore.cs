namespace Portable.Core.Idempotency;

/// <summary>The store's side of <see cref="IdempotencyKeySweep"/>: deletes idempotency keys past their time, a bounded batch at a time.</summary>
public interface IExpiredKeyStore
{
    /// <summary>
    /// Deletes at most <paramref name="limit"/> keys kept until <paramref name="now"/> or earlier, the longest expired
    /// first, in one short transaction of its own; returns how many it deleted (fewer than the limit: none is left).
    /// </summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
