using System.Globalization;
using System.Text;
using MySqlConnector;
using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// The baselines: what a client gets from the server with plain INSERTs into <c>RawLogs</c>, AUTO_INCREMENT ids,
/// autocommit, one connection per worker held open throughout, and no store code in between.
/// </summary>
internal static class RawInserts
{
    public static async Task<int> SingleRowAsync(MySqlConnection connection, ErrorLog log)
    {
        await using var command = new MySqlCommand("INSERT INTO RawLogs (device_id, error_number, time_stamp) VALUES (@d, @n, @t)", connection);
        command.Parameters.AddWithValue("@d", log.DeviceId);
        command.Parameters.AddWithValue("@n", log.ErrorNumber);
        command.Parameters.AddWithValue("@t", log.TimeStamp);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>One multi-row INSERT, written the way the store writes its statements (numbers inline, one parameter per device).</summary>
    public static async Task<int> MultiRowAsync(MySqlConnection connection, IReadOnlyList<ErrorLog> logs)
    {
        await using var command = new MySqlCommand { Connection = connection };
        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        var sql = new StringBuilder("INSERT INTO RawLogs (device_id, error_number, time_stamp) VALUES ", 64 + (logs.Count * 40));
        for (var i = 0; i < logs.Count; i++)
        {
            if (!devices.TryGetValue(logs[i].DeviceId, out var parameter))
            {
                parameter = "@d" + devices.Count.ToString(CultureInfo.InvariantCulture);
                devices.Add(logs[i].DeviceId, parameter);
                command.Parameters.AddWithValue(parameter, logs[i].DeviceId);
            }

            sql.Append(i == 0 ? "(" : ",(").Append(CultureInfo.InvariantCulture, $"{parameter},{logs[i].ErrorNumber},{logs[i].TimeStamp})");
        }

        command.CommandText = sql.ToString();
        return await command.ExecuteNonQueryAsync();
    }
}
