using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// What the host under test runs on: the embedded defaults (SQLite stores, SQLite-backed queues), or RDS MySQL and
/// SQS as on AWS (MariaDB and the SQS emulator that scripts/test.sh starts), each host with its own database and
/// queue prefix so tests never see each other's data. The host owns its database: disposing the host drops it.
/// </summary>
public static class Backend
{
    public const string Embedded = "Embedded";
    public const string MySqlSqs = "MySqlSqs";

    /// <summary>
    /// Starts a host on <paramref name="backend"/> with <paramref name="settings"/> over the backend's own. On MySQL the
    /// database starts empty: the host migrates it at start, as it would a new RDS database.
    /// </summary>
    public static async Task<LocalHostProcess> StartHostAsync(string backend, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (backend == Embedded)
        {
            return await LocalHostProcess.StartAsync(settings);
        }

        var sqs = TestServers.SqsServiceUrl;
        var database = await MySqlTestDatabase.CreateAsync(migrate: false, purpose: "e2e");
        var all = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "MySql",
            ["ConnectionStrings__MySql"] = database.ConnectionString,
            ["Queues__Provider"] = "Sqs",
            ["Sqs__ServiceUrl"] = sqs,
            ["Sqs__QueuePrefix"] = database.Name.Replace('_', '-') + "-",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return await LocalHostProcess.StartAsync(all, backing: database);
    }
}
