using System.Globalization;
using System.Text;
using Dapper;
using MySqlConnector;
using Portable.Core.ErrorLogs;

namespace Portable.Adapters.MySql.ErrorLogs;

/// <summary>
/// The <c>Logs</c> table of seed 001 on MySQL. An append is one transaction: it takes a block of ids from
/// <c>id_sequences</c> and writes the rows with those ids in multi-row INSERTs. Knowing the ids before the commit
/// makes the append safe to retry: when the connection breaks while the COMMIT is under way, the next attempt
/// looks for the rows under their ids and acknowledges them if they are there, instead of writing them twice.
/// </summary>
/// <remarks>
/// Why not AUTO_INCREMENT and LAST_INSERT_ID()? The ids of one multi-row INSERT are consecutive only with
/// <c>innodb_autoinc_lock_mode</c> 0 or 1; MySQL 8 (and RDS) defaults to 2. All writers of <c>Logs</c> must take
/// their ids from the sequence (this store does).
/// </remarks>
public sealed class MySqlErrorLogStore(MySqlDatabase database) : IErrorLogStore
{
    /// <summary>Rows per INSERT statement: a statement of 1000 rows with 255-character device ids stays near 1 MB, under any max_allowed_packet default.</summary>
    public const int RowsPerStatement = 1000;

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.Count == 0)
        {
            return [];
        }

        // The first id of an attempt whose COMMIT was sent but not answered: committed or not, nobody knows yet.
        long? uncertain = null;
        var first = await database.RunAsync(
            async (connection, token) =>
            {
                if (uncertain is { } earlier)
                {
                    if (await IsCommittedAsync(connection, earlier, logs, token))
                    {
                        return earlier;
                    }

                    uncertain = null;
                }

                await using var transaction = await connection.BeginTransactionAsync(token);
                var firstId = await AllocateAsync(connection, transaction, logs.Count, token);
                for (var offset = 0; offset < logs.Count; offset += RowsPerStatement)
                {
                    await InsertAsync(connection, transaction, logs, offset, Math.Min(RowsPerStatement, logs.Count - offset), firstId, token);
                }

                uncertain = firstId;
                await transaction.CommitAsync(token);
                uncertain = null;
                return firstId;
            },
            cancellationToken);

        var ids = new long[logs.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = first + i;
        }

        return ids;
    }

    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.RunAsync<IReadOnlyList<StoredErrorLog>>(
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

    /// <summary>Advances the sequence by <paramref name="count"/> under its row lock, which the transaction keeps until it ends.</summary>
    private static async Task<long> AllocateAsync(MySqlConnection connection, MySqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "UPDATE id_sequences SET next_id = LAST_INSERT_ID(next_id + @count) WHERE name = 'Logs'", connection, transaction);
        command.Parameters.AddWithValue("@count", count);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException("The Logs sequence is missing: apply the migrations (the host's migrate command).");
        }

        // LAST_INSERT_ID(expr) hands the new value back in the OK packet: the block is [next - count, next).
        return command.LastInsertedId - count;
    }

    private static async Task InsertAsync(MySqlConnection connection, MySqlTransaction transaction, IReadOnlyList<ErrorLog> logs,
        int offset, int count, long firstId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        // Numbers are written into the statement; device ids go as parameters, one per distinct id in the statement.
        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        var sql = new StringBuilder("INSERT INTO Logs (error_log_id, device_id, error_number, time_stamp) VALUES ", 64 + (count * 48));
        for (var i = offset; i < offset + count; i++)
        {
            var log = logs[i];
            if (!devices.TryGetValue(log.DeviceId, out var parameter))
            {
                parameter = "@d" + devices.Count.ToString(CultureInfo.InvariantCulture);
                devices.Add(log.DeviceId, parameter);
                command.Parameters.AddWithValue(parameter, log.DeviceId);
            }

            sql.Append(i == offset ? "(" : ",(")
                .Append(CultureInfo.InvariantCulture, $"{firstId + i},{parameter},{log.ErrorNumber},{log.TimeStamp})");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the rows of an attempt whose COMMIT went unanswered are stored under the ids it took.</summary>
    private static async Task<bool> IsCommittedAsync(MySqlConnection connection, long firstId, IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string DeviceId, int ErrorNumber, long TimeStamp)>(new CommandDefinition(
            "SELECT device_id, error_number, time_stamp FROM Logs WHERE error_log_id BETWEEN @first AND @last ORDER BY error_log_id",
            new { first = firstId, last = firstId + logs.Count - 1 },
            cancellationToken: cancellationToken))).AsList();

        // A transaction commits whole or not at all. If ours rolled back, its step of the sequence rolled back with it
        // and the same ids may since hold another append's rows: hence the content is compared, not just counted.
        return rows.Count == logs.Count && rows.Select((row, i) =>
            row.DeviceId == logs[i].DeviceId && row.ErrorNumber == logs[i].ErrorNumber && row.TimeStamp == logs[i].TimeStamp).All(same => same);
    }
}
