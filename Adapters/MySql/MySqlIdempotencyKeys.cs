using MySqlConnector;
using Portable.Core.Idempotency;

namespace Portable.Adapters.MySql;

/// <summary>
/// Idempotency keys on MySQL (table <c>idempotency_keys</c>, migration 0012), kept with the effect they guard: every
/// call runs inside the caller's transaction, so a key is committed if and only if its effect is. The key's row is read <c>FOR UPDATE</c>: a concurrent first use of the same key waits, or deadlocks
/// and is retried, and then finds it. A key past its time is forgotten when it is next used, or by the sweep
/// (<see cref="MySqlExpiredKeyStore"/>).
/// </summary>
internal static class MySqlIdempotencyKeys
{
    /// <summary>The result stored for the key, or null when it is new (or expired); a key of another request is refused.</summary>
    public static async Task<string?> FindAsync(
        MySqlConnection connection, MySqlTransaction transaction, IdempotencyKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var find = Command(
            connection,
            transaction,
            key,
            "DELETE FROM idempotency_keys WHERE scope = @scope AND idem_key = @key AND expires_at <= @now; " +
            "SELECT fingerprint, result FROM idempotency_keys WHERE scope = @scope AND idem_key = @key FOR UPDATE");
        find.Parameters.AddWithValue("@now", now.UtcTicks);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetString(0) == key.Fingerprint ? reader.GetString(1) : throw key.Mismatch();
    }

    public static async Task AddAsync(
        MySqlConnection connection, MySqlTransaction transaction, IdempotencyKey key, string result, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await using var add = Command(
            connection, transaction, key, "INSERT INTO idempotency_keys (scope, idem_key, fingerprint, result, expires_at) VALUES (@scope, @key, @fingerprint, @result, @until)");
        add.Parameters.AddWithValue("@fingerprint", key.Fingerprint);
        add.Parameters.AddWithValue("@result", result);
        add.Parameters.AddWithValue("@until", keepUntil.UtcTicks);
        await add.ExecuteNonQueryAsync(cancellationToken);
    }

    private static MySqlCommand Command(MySqlConnection connection, MySqlTransaction transaction, IdempotencyKey key, string sql)
    {
        var command = new MySqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("@scope", key.Scope);
        command.Parameters.AddWithValue("@key", key.Key);
        return command;
    }
}
