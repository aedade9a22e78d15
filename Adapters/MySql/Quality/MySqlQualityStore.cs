using System.Text;
using System.Text.Json;
using MySqlConnector;
using Portable.Core.Quality;

namespace Portable.Adapters.MySql.Quality;

/// <summary>
/// Checked samples on MySQL: findings as JSON, the notification's state in columns so that failures can be listed.
/// Every write is an upsert or an update that is the same when repeated, so all calls retry through <see cref="MySqlDatabase"/>.
/// </summary>
public sealed class MySqlQualityStore(MySqlDatabase database) : IQualityStore, IQualityReadings
{
    private const string Columns = "sample_id, instrument_id, instance_id, passed, findings, checked_at, acquired_at, notification_status, notification_attempts, notification_error, notification_updated_at";

    /// <summary>Replaces the verdict; a notification that already reached a final status keeps it.</summary>
    public Task SaveVerdictAsync(QualityRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand(
                    $"""
                    INSERT INTO quality_samples ({Columns}) VALUES (@sample, @instrument, @instance, @passed, @findings, @checked, @acquired, @status, 0, NULL, NULL)
                    ON DUPLICATE KEY UPDATE instrument_id = VALUES(instrument_id), instance_id = VALUES(instance_id), passed = VALUES(passed),
                        findings = VALUES(findings), checked_at = VALUES(checked_at), acquired_at = VALUES(acquired_at),
                        notification_status = IF(notification_status IN ('{nameof(NotificationStatus.Delivered)}', '{nameof(NotificationStatus.Undelivered)}'), notification_status, VALUES(notification_status))
                    """,
                    connection);
                command.Parameters.AddWithValue("@sample", record.SampleId);
                command.Parameters.AddWithValue("@instrument", record.InstrumentId);
                command.Parameters.AddWithValue("@instance", record.InstanceId);
                command.Parameters.AddWithValue("@passed", record.Passed);
                command.Parameters.AddWithValue("@findings", JsonSerializer.Serialize(record.Findings, QualityJsonContext.Default.IReadOnlyListFinding));
                command.Parameters.AddWithValue("@checked", record.CheckedAt.UtcTicks);
                command.Parameters.AddWithValue("@acquired", record.AcquiredAt?.UtcTicks);
                command.Parameters.AddWithValue("@status", record.NotificationStatus.ToString());
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    /// <summary>
    /// Sets the notification's state; the attempt count only grows, so a late or repeated write cannot lower it. A Pending
    /// write matches no Delivered row (see <see cref="NotificationStatus.Delivered"/>): the guard is the UPDATE's own WHERE,
    /// so it holds against any writer racing it.
    /// </summary>
    public Task SetNotificationAsync(string sampleId, NotificationStatus status, int attempts, string? error, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                // Counts the row as found even when nothing changed (the client's default, FOUND_ROWS).
                await using var command = new MySqlCommand(
                    $"""
                    UPDATE quality_samples SET notification_status = @status, notification_attempts = GREATEST(notification_attempts, @attempts),
                        notification_error = @error, notification_updated_at = @at
                    WHERE sample_id = @sample
                        AND NOT (@status = '{nameof(NotificationStatus.Pending)}' AND notification_status = '{nameof(NotificationStatus.Delivered)}')
                    """,
                    connection);
                command.Parameters.AddWithValue("@sample", sampleId);
                command.Parameters.AddWithValue("@status", status.ToString());
                command.Parameters.AddWithValue("@attempts", attempts);
                command.Parameters.AddWithValue("@error", error);
                command.Parameters.AddWithValue("@at", at.UtcTicks);
                if (await command.ExecuteNonQueryAsync(token) == 1)
                {
                    return true;
                }

                // No row matched: a guarded no-op, or no verdict at all.
                await using var exists = new MySqlCommand("SELECT 1 FROM quality_samples WHERE sample_id = @sample", connection);
                exists.Parameters.AddWithValue("@sample", sampleId);
                return await exists.ExecuteScalarAsync(token) is not null
                    ? false
                    : throw new InvalidOperationException($"Sample {sampleId} has no stored verdict.");
            },
            cancellationToken);

    public Task<QualityRecord?> GetAsync(string sampleId, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand($"SELECT {Columns} FROM quality_samples WHERE sample_id = @sample", connection);
                command.Parameters.AddWithValue("@sample", sampleId);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? Read(reader) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<QualityRecord>> ListFailuresAsync(FailureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return FailuresAsync(null, query, cancellationToken);
    }

    public Task<IReadOnlyList<QualityRecord>> FailuresSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        FailuresAsync(since, new FailureQuery(limit), cancellationToken);

    /// <summary>
    /// A backward walk of ix_quality_failures, or of ix_quality_failures_instrument for one instrument (migration 0020),
    /// from the window's start or the cursor on: no sort, however many samples there are.
    /// </summary>
    private Task<IReadOnlyList<QualityRecord>> FailuresAsync(DateTimeOffset? since, FailureQuery query, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<QualityRecord>>(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand { Connection = connection };
                var where = new StringBuilder("passed = FALSE");
                if (query.InstrumentId is { } instrument)
                {
                    where.Append(" AND instrument_id = @instrument");
                    command.Parameters.AddWithValue("@instrument", instrument);
                }

                if (since is { } start)
                {
                    where.Append(" AND checked_at >= @since");
                    command.Parameters.AddWithValue("@since", start.UtcTicks);
                }

                if (query.After is { } after)
                {
                    where.Append(" AND (checked_at < @after OR (checked_at = @after AND sample_id < @afterSample))");
                    command.Parameters.AddWithValue("@after", after.CheckedAt.UtcTicks);
                    command.Parameters.AddWithValue("@afterSample", after.SampleId);
                }

                command.CommandText = $"SELECT {Columns} FROM quality_samples WHERE {where} ORDER BY checked_at DESC, sample_id DESC LIMIT @limit";
                command.Parameters.AddWithValue("@limit", query.Limit);
                var records = new List<QualityRecord>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    records.Add(Read(reader));
                }

                return records;
            },
            cancellationToken);

    public Task<int> CountUndeliveredAsync(CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand(
                    $"SELECT COUNT(*) FROM quality_samples WHERE passed = FALSE AND notification_status = '{nameof(NotificationStatus.Undelivered)}'", connection);
                return Convert.ToInt32(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);

    private static QualityRecord Read(MySqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetBoolean(3),
        JsonSerializer.Deserialize(reader.GetString(4), QualityJsonContext.Default.IReadOnlyListFinding) ?? [],
        new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
        Enum.Parse<NotificationStatus>(reader.GetString(7)),
        reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero));
}
