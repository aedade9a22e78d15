using MySqlConnector;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// What the host under test runs on: the embedded defaults (SQLite stores, SQLite-backed queues), or RDS MySQL and
/// SQS as on AWS (MariaDB and the SQS emulator that scripts/test.sh starts), each host with its own database and
/// queue prefix so tests never see each other's data.
/// </summary>
public static class Backend
{
    public const string Embedded = "Embedded";
    public const string MySqlSqs = "MySqlSqs";

    public static async Task<Dictionary<string, string>> SettingsAsync(string backend)
    {
        if (backend == Embedded)
        {
            return [];
        }

        var server = TestServers.MySql;
        var sqs = TestServers.SqsServiceUrl;
        var name = "portable_e2e_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new MySqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new Dictionary<string, string>
        {
            ["Storage__Provider"] = "MySql",
            ["ConnectionStrings__MySql"] = new MySqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
            ["Queues__Provider"] = "Sqs",
            ["Sqs__ServiceUrl"] = sqs,
            ["Sqs__QueuePrefix"] = name.Replace('_', '-') + "-",
        };
    }
}
