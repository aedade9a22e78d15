using MySqlConnector;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// A scratch database next to the one named in the connection string (<c>&lt;name&gt;_bench</c>), migrated, with a
/// <c>RawLogs</c> copy of <c>Logs</c> (same columns and keys, AUTO_INCREMENT ids) for the raw baselines.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private BenchDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new MySqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string connectionString)
    {
        var given = new MySqlConnectionStringBuilder(connectionString);
        var database = new BenchDatabase(connectionString, (string.IsNullOrEmpty(given.Database) ? "portable" : given.Database) + "_bench");
        await database.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{database.Name}`; CREATE DATABASE `{database.Name}` CHARACTER SET utf8mb4");
        await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);
        await database.ExecuteAsync("CREATE TABLE RawLogs LIKE Logs");
        return database;
    }

    public async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string> ServerSummaryAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT CONCAT(VERSION(), ', innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit, ', innodb_autoinc_lock_mode=', @@innodb_autoinc_lock_mode, ', buffer pool ', @@innodb_buffer_pool_size DIV 1048576, ' MiB')",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => new(ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`"));

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
