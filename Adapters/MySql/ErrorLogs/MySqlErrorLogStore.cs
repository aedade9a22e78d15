using System.Data;
using System.Globalization;
using System.Text;
using Dapper;
using MySqlConnector;
using Portable.Core.ErrorLogs;
using Portable.Core.Idempotency;

namespace Portable.Adapters.MySql.ErrorLogs;

/// <summary>
/// The <c>Logs</c> table of seed 001 on MySQL. An append takes its ids from a block of <c>id_sequences</c>
/// (<see cref="MySqlIdBlocks"/>), then sends its multi-row INSERTs, between START TRANSACTION and COMMIT when there
/// are several, as one command on a connection that skips the pool's reset: one round trip and one log flush,
/// whatever the size. Reads take one round trip too. Knowing the ids before the commit makes the append
/// safe to retry: when the connection breaks while the command is under way, the next attempt looks for the rows
/// under their ids and acknowledges them if they are there, instead of writing them twice.
/// </summary>
/// <remarks>
/// Why not AUTO_INCREMENT and LAST_INSERT_ID()? The ids of one multi-row INSERT are consecutive only with
/// <c>innodb_autoinc_lock_mode</c> 0 or 1; MySQL 8 (and RDS) defaults to 2. Every writer of <c>Logs</c> must take
/// its ids from the sequence, as this store does.
/// </remarks>
public sealed class MySqlErrorLogStore(MySqlDatabase database) : IErrorLogStore, IIdempotentErrorLogStore
{
    /// <summary>Rows per INSERT statement: a statement of 1000 rows with 255-character device ids stays near 1 MB, under any max_allowed_packet default.</summary>
    public const int RowsPerStatement = 1000;

    /// <summary>Ids taken from the sequence at a time; a block outlives many appends, and what a stopped process leaves unused is skipped.</summary>
    public const int IdBlockSize = 10_000;

    private readonly MySqlIdBlocks _ids = new("Logs", IdBlockSize);

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.Count == 0)
        {
            return [];
        }

        long? first = null;
        var sent = false;
        await database.RunStatelessAsync(
            async (connection, token) =>
            {
                // An earlier attempt sent its transaction and lost the answer: it may have committed.
                if (sent && await IsCommittedAsync(connection, first!.Value, logs, token))
                {
                    return true;
                }

                first ??= await _ids.TakeAsync(connection, logs.Count, token);
                await using var command = InsertCommand(connection, logs, first.Value);
                sent = true;
                try
                {
                    await command.ExecuteNonQueryAsync(token);
                }
                catch (Exception) when (connection.State == ConnectionState.Open)
                {
                    // The server refused a statement, or the command was cancelled, and the rest was skipped, COMMIT
                    // included: end the transaction here rather than leave it open on a pooled connection.
                    await RollBackAsync(connection);
                    throw;
                }

                return true;
            },
            cancellationToken);

        var ids = new long[logs.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = first!.Value + i;
        }

        return ids;
    }

    /// <summary>
    /// The rows and the key in one transaction. The ids are taken before it, by themselves: a block taken inside a
    /// transaction that then rolls back would be handed out again. A repeat after a lost COMMIT finds the key.
    /// </summary>
    public Task<IReadOnlyList<long>> AppendOnceAsync(
        IReadOnlyList<ErrorLog> logs, IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(key);
        return database.RunAsync<IReadOnlyList<long>>(
            async (connection, token) =>
            {
                var first = logs.Count == 0 ? 0 : await _ids.TakeAsync(connection, logs.Count, token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                if (await MySqlIdempotencyKeys.FindAsync(connection, transaction, key, now, token) is { } stored)
                {
                    await transaction.CommitAsync(token);
                    return ErrorLogIds.Parse(stored);
                }

                var ids = new long[logs.Count];
                if (logs.Count > 0)
                {
                    await using var insert = InsertCommand(connection, logs, first, ownTransaction: false);
                    insert.Transaction = transaction;
                    await insert.ExecuteNonQueryAsync(token);
                    for (var i = 0; i < ids.Length; i++)
                    {
                        ids[i] = first + i;
                    }
                }

                await MySqlIdempotencyKeys.AddAsync(connection, transaction, key, ErrorLogIds.Format(ids), keepUntil, token);
                await transaction.CommitAsync(token);
                return ids;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.RunStatelessAsync<IReadOnlyList<StoredErrorLog>>(
            async (connection, token) =>
            {
                // Both orders walk an index backwards from its end and stop after `limit` rows: no sort, whatever the table size.
                await using var command = connection.CreateCommand();
                command.CommandText = deviceId is null
                    ? "SELECT error_log_id, device_id, error_number, time_stamp FROM Logs ORDER BY time_stamp DESC, error_log_id DESC LIMIT @limit"
                    : "SELECT error_log_id, device_id, error_number, time_stamp FROM Logs WHERE device_id = @device ORDER BY time_stamp DESC, error_log_id DESC LIMIT @limit";
                command.Parameters.AddWithValue("@limit", limit);
                if (deviceId is not null)
                {
                    command.Parameters.AddWithValue("@device", deviceId);
                }

                var logs = new List<StoredErrorLog>(limit);
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    logs.Add(new StoredErrorLog(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
                }

                return logs;
            },
            cancellationToken);
    }

    private static async Task RollBackAsync(MySqlConnection connection)
    {
        try
        {
            await using var rollback = new MySqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is MySqlException or IOException or InvalidOperationException)
        {
            // The connection is unusable; the server rolls back when it closes, and the pool resets it before reuse.
        }
    }

    /// <summary>
    /// One multi-row INSERT per <see cref="RowsPerStatement"/> rows, all in one command: a single statement commits
    /// atomically by itself (autocommit); several go between START TRANSACTION and COMMIT, unless
    /// <paramref name="ownTransaction"/> is false because the caller's transaction is open.
    /// </summary>
    private static MySqlCommand InsertCommand(MySqlConnection connection, IReadOnlyList<ErrorLog> logs, long firstId, bool ownTransaction = true)
    {
        var command = new MySqlCommand { Connection = connection };
        // Numbers are written into the statement; device ids go as parameters, one per distinct id.
        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        var transaction = ownTransaction && logs.Count > RowsPerStatement;
        var sql = new StringBuilder(transaction ? "START TRANSACTION;" : "", 64 + (logs.Count * 48));
        for (var i = 0; i < logs.Count; i++)
        {
            var log = logs[i];
            if (!devices.TryGetValue(log.DeviceId, out var parameter))
            {
                parameter = "@d" + devices.Count.ToString(CultureInfo.InvariantCulture);
                devices.Add(log.DeviceId, parameter);
                command.Parameters.AddWithValue(parameter, log.DeviceId);
            }

            if (i % RowsPerStatement == 0)
            {
                sql.Append(i == 0 ? "" : ";").Append("INSERT INTO Logs (error_log_id, device_id, error_number, time_stamp) VALUES (");
            }
            else
            {
                sql.Append(",(");
            }

            sql.Append(CultureInfo.InvariantCulture, $"{firstId + i},{parameter},{log.ErrorNumber},{log.TimeStamp})");
        }

        command.CommandText = (transaction ? sql.Append(";COMMIT") : sql).ToString();
        return command;
    }

    /// <summary>Whether the rows of an attempt whose COMMIT went unanswered are stored under the ids it took.</summary>
    private static async Task<bool> IsCommittedAsync(MySqlConnection connection, long firstId, IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        // Dapper.AOT cannot take the token with the command (see MySqlMigrator); this read is short and bounded by the command timeout.
        cancellationToken.ThrowIfCancellationRequested();
        var rows = (await connection.QueryAsync<StoredRow>(
            "SELECT device_id AS DeviceId, error_number AS ErrorNumber, time_stamp AS TimeStamp FROM Logs WHERE error_log_id BETWEEN @first AND @last ORDER BY error_log_id",
            new { first = firstId, last = firstId + logs.Count - 1 })).ToList();

        // A transaction commits whole or not at all, and no one else inserts under ids of our block; the content is
        // compared all the same, as a guard against a writer that does not take its ids from the sequence.
        return rows.Count == logs.Count && rows.Select((row, i) =>
            row.DeviceId == logs[i].DeviceId && row.ErrorNumber == logs[i].ErrorNumber && row.TimeStamp == logs[i].TimeStamp).All(same => same);
    }
}
