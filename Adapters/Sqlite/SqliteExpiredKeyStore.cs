using Microsoft.Data.Sqlite;
using Portable.Core.Idempotency;

namespace Portable.Adapters.Sqlite;

/// <summary>The idempotency key sweep's deletes on SQLite, a batch per write transaction.</summary>
public sealed class SqliteExpiredKeyStore(SqliteDatabase database) : IExpiredKeyStore
{
    /// <summary>
    /// One batch. SQLite's DELETE takes no LIMIT unless it was compiled with one, so the batch is chosen by rowid in a
    /// subquery that walks <c>ix_idempotency_keys_expires</c> from the longest expired key.
    /// </summary>
    public const string DeleteBatch = """
        DELETE FROM idempotency_keys WHERE rowid IN (
            SELECT rowid FROM idempotency_keys WHERE expires_at <= $now ORDER BY expires_at LIMIT $limit);
        """;

    // The table and its index are made by the first sweep when no store has made them yet, not when this is built: a
    // host builds it with its schedule, which must not open the database to start.
    private volatile bool _schemaReady;

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!_schemaReady)
        {
            SqliteDatabase.Execute(connection, SqliteIdempotencyKeys.Schema);
            _schemaReady = true;
        }

        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = DeleteBatch;
        delete.Parameters.AddWithValue("$now", SqliteIdempotencyKeys.Time(now));
        delete.Parameters.AddWithValue("$limit", limit);
        var deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
