using System.Data;
using MySqlConnector;
using Portable.Core.Idempotency;

namespace Portable.Adapters.MySql;

/// <summary>The idempotency key sweep's deletes on MySQL, a batch per transaction, along <c>ix_idempotency_keys_expires</c> (migration 0021).</summary>
public sealed class MySqlExpiredKeyStore(MySqlDatabase database) : IExpiredKeyStore
{
    /// <summary>One batch: the longest expired keys first, read along the index, never beyond the limit.</summary>
    public const string DeleteBatch = "DELETE FROM idempotency_keys WHERE expires_at <= @now ORDER BY expires_at LIMIT @limit";

    /// <remarks>
    /// READ COMMITTED: the delete locks the rows it deletes and no gaps between or after them, so a key stored meanwhile
    /// never waits for the sweep. A batch that failed on a transient fault is simply run again.
    /// </remarks>
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return database.RunStatelessAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, token);
                await using var delete = new MySqlCommand(DeleteBatch, connection, transaction);
                delete.Parameters.AddWithValue("@now", now.UtcTicks);
                delete.Parameters.AddWithValue("@limit", limit);
                var deleted = await delete.ExecuteNonQueryAsync(token);
                await transaction.CommitAsync(token);
                return deleted;
            },
            cancellationToken);
    }
}
