using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portable.Core.Quality;

namespace Portable.Adapters.Sqlite.Quality;

/// <summary>Checked samples on SQLite; findings are kept as JSON, the notification state in columns so failures can be listed.</summary>
public sealed class SqliteQualityStore : IQualityStore, IQualityReadings
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS quality_samples (
            sample_id TEXT PRIMARY KEY,
            instrument_id TEXT NOT NULL,
            instance_id TEXT NOT NULL,
            passed INTEGER NOT NULL,
            findings TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            acquired_at TEXT NULL,
            notification_status TEXT NOT NULL,
            notification_attempts INTEGER NOT NULL DEFAULT 0,
            notification_error TEXT NULL,
            notification_updated_at TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_quality_failures ON quality_samples (passed, checked_at DESC);
        CREATE INDEX IF NOT EXISTS ix_quality_failures_paged ON quality_samples (passed, checked_at DESC, sample_id DESC);
        CREATE INDEX IF NOT EXISTS ix_quality_failures_instrument ON quality_samples (passed, instrument_id, checked_at DESC, sample_id DESC);
        """;

    private const string Columns = "sample_id, instrument_id, instance_id, passed, findings, checked_at, acquired_at, notification_status, notification_attempts, notification_error, notification_updated_at";

    private readonly SqliteDatabase _database;

    public SqliteQualityStore(SqliteDatabase database)
    {
        _database = database;
        using var connection = database.Open();
        SqliteDatabase.Execute(connection, Schema);

        // A file made before acquisition times were kept gets the column; its rows keep NULL.
        SqliteDatabase.AddColumnIfMissing(connection, "quality_samples", "acquired_at", "TEXT");
    }

    public async Task SaveVerdictAsync(QualityRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO quality_samples ({Columns}) VALUES ($sample, $instrument, $instance, $passed, $findings, $checked, $acquired, $status, 0, NULL, NULL)
            ON CONFLICT(sample_id) DO UPDATE SET instrument_id = excluded.instrument_id, instance_id = excluded.instance_id, passed = excluded.passed,
                findings = excluded.findings, checked_at = excluded.checked_at, acquired_at = excluded.acquired_at,
                notification_status = CASE WHEN quality_samples.notification_status IN ('Delivered', 'Undelivered') THEN quality_samples.notification_status ELSE excluded.notification_status END;
            """;
        command.Parameters.AddWithValue("$sample", record.SampleId);
        command.Parameters.AddWithValue("$instrument", record.InstrumentId);
        command.Parameters.AddWithValue("$instance", record.InstanceId);
        command.Parameters.AddWithValue("$passed", record.Passed ? 1 : 0);
        command.Parameters.AddWithValue("$findings", JsonSerializer.Serialize(record.Findings, QualityJsonContext.Default.IReadOnlyListFinding));
        command.Parameters.AddWithValue("$checked", Text(record.CheckedAt));
        command.Parameters.AddWithValue("$acquired", (object?)record.AcquiredAt?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", record.NotificationStatus.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Sets the notification's state; attempts only grow. A Pending write matches no Delivered row (see
    /// <see cref="NotificationStatus.Delivered"/>): the guard is the UPDATE's own WHERE, so it holds against any writer racing it.
    /// </summary>
    public async Task SetNotificationAsync(string sampleId, NotificationStatus status, int attempts, string? error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE quality_samples SET notification_status = $status, notification_attempts = MAX(notification_attempts, $attempts),
                notification_error = $error, notification_updated_at = $at
            WHERE sample_id = $sample
                AND NOT ($status = '{nameof(NotificationStatus.Pending)}' AND notification_status = '{nameof(NotificationStatus.Delivered)}');
            """;
        command.Parameters.AddWithValue("$sample", sampleId);
        command.Parameters.AddWithValue("$status", status.ToString());
        command.Parameters.AddWithValue("$attempts", attempts);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return;
        }

        // No row matched: a guarded no-op, or no verdict at all.
        command.CommandText = "SELECT 1 FROM quality_samples WHERE sample_id = $sample;";
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw new InvalidOperationException($"Sample {sampleId} has no stored verdict.");
        }
    }

    public async Task<QualityRecord?> GetAsync(string sampleId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM quality_samples WHERE sample_id = $sample;";
        command.Parameters.AddWithValue("$sample", sampleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<IReadOnlyList<QualityRecord>> ListFailuresAsync(FailureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return FailuresAsync(null, query, cancellationToken);
    }

    public Task<IReadOnlyList<QualityRecord>> FailuresSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        FailuresAsync(since, new FailureQuery(limit), cancellationToken);

    /// <summary>
    /// Walks ix_quality_failures_paged, or ix_quality_failures_instrument for one instrument, from the cursor on: no
    /// sort, however many samples there are. Check times are written in one format (UTC, round-trip), so they order as text.
    /// </summary>
    private async Task<IReadOnlyList<QualityRecord>> FailuresAsync(DateTimeOffset? since, FailureQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("passed = 0");
        if (query.InstrumentId is { } instrument)
        {
            where.Append(" AND instrument_id = $instrument");
            command.Parameters.AddWithValue("$instrument", instrument);
        }

        if (since is { } start)
        {
            where.Append(" AND checked_at >= $since");
            command.Parameters.AddWithValue("$since", Text(start));
        }

        if (query.After is { } after)
        {
            where.Append(" AND (checked_at < $after OR (checked_at = $after AND sample_id < $afterSample))");
            command.Parameters.AddWithValue("$after", Text(after.CheckedAt));
            command.Parameters.AddWithValue("$afterSample", after.SampleId);
        }

        command.CommandText = $"SELECT {Columns} FROM quality_samples WHERE {where} ORDER BY checked_at DESC, sample_id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.Limit);
        var records = new List<QualityRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<int> CountUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM quality_samples WHERE passed = 0 AND notification_status = '{nameof(NotificationStatus.Undelivered)}';";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>A check time as stored: UTC in the round-trip format, so that times order as text.</summary>
    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static QualityRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3) != 0,
        JsonSerializer.Deserialize(reader.GetString(4), QualityJsonContext.Default.IReadOnlyListFinding) ?? [],
        DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
        reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
        Enum.Parse<NotificationStatus>(reader.GetString(7)),
        reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture));
}
