using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Bench.Durable;

/// <summary>A scratch database next to the one named in the connection string (<c>&lt;name&gt;_durable_bench</c>), dropped at the end.</summary>
internal sealed class MySqlBenchStore : BenchStore
{
    private readonly string _serverConnectionString;
    private readonly MySqlTraffic _traffic;

    private MySqlBenchStore(string serverConnectionString, string name, bool byKind)
    {
        _serverConnectionString = serverConnectionString;
        _traffic = new MySqlTraffic(byKind);
        DatabaseName = name;
        ConnectionString = new MySqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public override string Name => "MySQL";

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public static async Task<MySqlBenchStore> CreateAsync(string connectionString, bool byKind)
    {
        var given = new MySqlConnectionStringBuilder(connectionString);
        var store = new MySqlBenchStore(connectionString, (string.IsNullOrEmpty(given.Database) ? "portable" : given.Database) + "_durable_bench", byKind);
        await ExecuteAsync(connectionString, $"DROP DATABASE IF EXISTS `{store.DatabaseName}`; CREATE DATABASE `{store.DatabaseName}` CHARACTER SET utf8mb4");
        await MySqlMigrator.MigrateAsync(store.ConnectionString, CancellationToken.None);
        await ExecuteAsync(store.ConnectionString, "CREATE TABLE raw_commits (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v BIGINT NOT NULL) ENGINE=InnoDB");
        return store;
    }

    public override void AddStore(IServiceCollection services) =>
        services.AddMySqlOrchestrationStore(new MySqlStorageOptions { ConnectionString = ConnectionString });

    public override async Task<double> RawCommitsPerSecondAsync(int connections, TimeSpan duration)
    {
        var open = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var connection = new MySqlConnection(ConnectionString);
            await connection.OpenAsync();
            return connection;
        }));
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var counts = await Task.WhenAll(open.Select(async connection =>
            {
                await using var insert = new MySqlCommand("INSERT INTO raw_commits (v) VALUES (@v)", connection);
                var value = insert.Parameters.Add("@v", MySqlDbType.Int64);
                var commits = 0L;
                while (stopwatch.Elapsed < duration)
                {
                    value.Value = commits;
                    await insert.ExecuteNonQueryAsync();
                    commits++;
                }

                return commits;
            }));
            return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Write transactions and round trips as sent to the server: a MySQL claim commits with its step, not alone.</summary>
    /// <summary>The round trips by kind of command so far, and since such a snapshot.</summary>
    public IReadOnlyDictionary<string, long> CommandKinds() => _traffic.Kinds();

    public string CommandKindsSince(IReadOnlyDictionary<string, long> before) => _traffic.KindsSince(before);

    public override WorkCounts Counts(CountingStore calls) =>
        calls.Counts() with { WriteTransactions = _traffic.WriteTransactions, RoundTrips = _traffic.RoundTrips, Deadlocks = ServerDeadlocks() };

    /// <summary>The deadlocks InnoDB resolved since the server started (all its databases: the bench's server is its own).</summary>
    private long ServerDeadlocks()
    {
        using var waiting = MySqlTraffic.Waiting();
        using var connection = new MySqlConnection(ConnectionString);
        connection.Open();
        using var command = new MySqlCommand("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_DEADLOCKS'", connection);
        var deadlocks = command.ExecuteScalar() ?? throw new InvalidOperationException("The server keeps no Innodb_deadlocks count.");
        return Convert.ToInt64(deadlocks, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override Task EmptyAsync() => ExecuteAsync(
        ConnectionString, "DELETE FROM durable_history; DELETE FROM durable_inbox; DELETE FROM durable_activities; DELETE FROM durable_instances;");

    /// <summary>The server's version and the settings that decide commit costs.</summary>
    public async Task<string> ServerSummaryAsync()
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT CONCAT(VERSION(), ', innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit, ', innodb_autoinc_lock_mode=', @@innodb_autoinc_lock_mode)",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS `{DatabaseName}`");
        MySqlConnection.ClearAllPools();
        _traffic.Dispose();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
