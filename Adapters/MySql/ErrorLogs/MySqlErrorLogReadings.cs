using Portable.Core.ErrorLogs;

namespace Portable.Adapters.MySql.ErrorLogs;

/// <summary>The dashboard's error-log counts, each a range scan of IX_Logs_Recent bounded by its window and a LIMIT.</summary>
public sealed class MySqlErrorLogReadings(MySqlDatabase database) : IErrorLogReadings
{
    /// <summary>A day of minutes: the most a window can hold.</summary>
    public const int MaxMinutes = 1440;

    public Task<IReadOnlyList<MinuteCount>> PerMinuteAsync(long sinceUnixSeconds, CancellationToken cancellationToken) =>
        database.RunStatelessAsync<IReadOnlyList<MinuteCount>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT time_stamp DIV 60 AS minute, COUNT(*) FROM Logs WHERE time_stamp >= @since GROUP BY minute ORDER BY minute LIMIT @limit";
                command.Parameters.AddWithValue("@since", sinceUnixSeconds);
                command.Parameters.AddWithValue("@limit", MaxMinutes);
                var counts = new List<MinuteCount>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    counts.Add(new MinuteCount(reader.GetInt64(0) * 60, Convert.ToInt32(reader.GetInt64(1))));
                }

                return counts;
            },
            cancellationToken);

    public Task<IReadOnlyList<DeviceCount>> TopDevicesAsync(long sinceUnixSeconds, int limit, CancellationToken cancellationToken) =>
        database.RunStatelessAsync<IReadOnlyList<DeviceCount>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT device_id, COUNT(*) AS logs FROM Logs WHERE time_stamp >= @since GROUP BY device_id ORDER BY logs DESC, device_id LIMIT @limit";
                command.Parameters.AddWithValue("@since", sinceUnixSeconds);
                command.Parameters.AddWithValue("@limit", limit);
                var devices = new List<DeviceCount>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    devices.Add(new DeviceCount(reader.GetString(0), Convert.ToInt32(reader.GetInt64(1))));
                }

                return devices;
            },
            cancellationToken);
}
