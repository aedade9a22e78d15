using System.Globalization;
using Microsoft.Data.Sqlite;
using Portable.Core.Idempotency;

namespace Portable.Adapters.Sqlite;

/// <summary>
/// Idempotency keys on SQLite, kept with the effect they guard: every call runs inside the caller's write transaction,
/// so a key is stored if and only if its effect is. A key past its time is forgotten when it is next used, or by the
/// sweep (<see cref="SqliteExpiredKeyStore"/>), which finds the expired keys by <c>ix_idempotency_keys_expires</c>.
/// </summary>
internal static class SqliteIdempotencyKeys
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            scope TEXT NOT NULL,
            idem_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            result TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            PRIMARY KEY (scope, idem_key));
        CREATE INDEX IF NOT EXISTS ix_idempotency_keys_expires ON idempotency_keys (expires_at);
        """;

    /// <summary>The result stored for the key, or null when it is new (or expired); a key of another request is refused.</summary>
    public static async Task<string?> FindAsync(
        SqliteConnection connection, SqliteTransaction transaction, IdempotencyKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var forget = Command(connection, transaction, key, "DELETE FROM idempotency_keys WHERE scope = $scope AND idem_key = $key AND expires_at <= $now;"))
        {
            forget.Parameters.AddWithValue("$now", Time(now));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var find = Command(connection, transaction, key, "SELECT fingerprint, result FROM idempotency_keys WHERE scope = $scope AND idem_key = $key;");
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetString(0) == key.Fingerprint ? reader.GetString(1) : throw key.Mismatch();
    }

    public static async Task AddAsync(
        SqliteConnection connection, SqliteTransaction transaction, IdempotencyKey key, string result, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await using var add = Command(
            connection, transaction, key, "INSERT INTO idempotency_keys (scope, idem_key, fingerprint, result, expires_at) VALUES ($scope, $key, $fingerprint, $result, $until);");
        add.Parameters.AddWithValue("$fingerprint", key.Fingerprint);
        add.Parameters.AddWithValue("$result", result);
        add.Parameters.AddWithValue("$until", Time(keepUntil));
        await add.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, IdempotencyKey key, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$scope", key.Scope);
        command.Parameters.AddWithValue("$key", key.Key);
        return command;
    }

    // Fixed-width round-trip text compares in time order.
    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
