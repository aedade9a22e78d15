using Microsoft.Data.Sqlite;
using Portable.Core.ErrorLogs;
using Portable.Core.Idempotency;

namespace Portable.Adapters.Sqlite.ErrorLogs;

/// <summary>Seed 001's <c>Logs</c> table on SQLite, with the two indexes the "most recent" reads walk.</summary>
public sealed class SqliteErrorLogStore : IErrorLogStore, IIdempotentErrorLogStore, IErrorLogReadings
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS Logs (
            error_log_id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            error_number INTEGER NOT NULL,
            time_stamp INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_Logs_Recent ON Logs (time_stamp DESC, error_log_id DESC);
        CREATE INDEX IF NOT EXISTS IX_Logs_Device_Recent ON Logs (device_id, time_stamp DESC, error_log_id DESC);
        """;

    /// <summary>A day of minutes: the most a chart's window can hold.</summary>
    public const int MaxMinutes = 1440;

    private readonly SqliteDatabase _database;

    public SqliteErrorLogStore(SqliteDatabase database)
    {
        _database = database;
        using var connection = database.Open();
        SqliteDatabase.Execute(connection, Schema);
        SqliteDatabase.Execute(connection, SqliteIdempotencyKeys.Schema);
    }

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        var ids = await InsertAsync(connection, transaction, logs, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    public async Task<IReadOnlyList<long>> AppendOnceAsync(
        IReadOnlyList<ErrorLog> logs, IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        if (await SqliteIdempotencyKeys.FindAsync(connection, transaction, key, now, cancellationToken) is { } stored)
        {
            await transaction.CommitAsync(cancellationToken);
            return ErrorLogIds.Parse(stored);
        }

        var ids = await InsertAsync(connection, transaction, logs, cancellationToken);
        await SqliteIdempotencyKeys.AddAsync(connection, transaction, key, ErrorLogIds.Format(ids), keepUntil, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private static async Task<long[]> InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO Logs (device_id, error_number, time_stamp) VALUES ($device, $number, $stamp) RETURNING error_log_id;";
        var device = command.Parameters.Add("$device", SqliteType.Text);
        var number = command.Parameters.Add("$number", SqliteType.Integer);
        var stamp = command.Parameters.Add("$stamp", SqliteType.Integer);
        command.Prepare();

        var ids = new long[logs.Count];
        for (var i = 0; i < logs.Count; i++)
        {
            device.Value = logs[i].DeviceId;
            number.Value = logs[i].ErrorNumber;
            stamp.Value = logs[i].TimeStamp;
            ids[i] = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return ids;
    }

    public async Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = deviceId is null
            ? "SELECT error_log_id, device_id, error_number, time_stamp FROM Logs ORDER BY time_stamp DESC, error_log_id DESC LIMIT $limit;"
            : "SELECT error_log_id, device_id, error_number, time_stamp FROM Logs WHERE device_id = $device ORDER BY time_stamp DESC, error_log_id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        if (deviceId is not null)
        {
            command.Parameters.AddWithValue("$device", deviceId);
        }

        var logs = new List<StoredErrorLog>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            logs.Add(new StoredErrorLog(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        return logs;
    }

    public async Task<IReadOnlyList<MinuteCount>> PerMinuteAsync(long sinceUnixSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT time_stamp / 60, COUNT(*) FROM Logs WHERE time_stamp >= $since GROUP BY time_stamp / 60 ORDER BY 1 LIMIT $limit;";
        command.Parameters.AddWithValue("$since", sinceUnixSeconds);
        command.Parameters.AddWithValue("$limit", MaxMinutes);
        var counts = new List<MinuteCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new MinuteCount(reader.GetInt64(0) * 60, reader.GetInt32(1)));
        }

        return counts;
    }

    public async Task<IReadOnlyList<DeviceCount>> TopDevicesAsync(long sinceUnixSeconds, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, COUNT(*) AS logs FROM Logs WHERE time_stamp >= $since GROUP BY device_id ORDER BY logs DESC, device_id LIMIT $limit;";
        command.Parameters.AddWithValue("$since", sinceUnixSeconds);
        command.Parameters.AddWithValue("$limit", limit);
        var devices = new List<DeviceCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(new DeviceCount(reader.GetString(0), reader.GetInt32(1)));
        }

        return devices;
    }
}
