using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// A MariaDB database of one fixture's own (<c>portable_d_*</c>, on the server of <c>PORTABLE_TEST_MYSQL</c>),
/// migrated once and emptied for each test: cheaper than a database per test, and as isolated.
/// </summary>
internal sealed class MySqlTestDatabase : TestDatabase
{
    private readonly string _serverConnectionString;

    private MySqlTestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new MySqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The connection string goes by environment, so that its password is not on a command line for all to see.</summary>
    public override void ConfigureCrashHost(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.ArgumentList.Add("mysql");
        start.Environment["PORTABLE_CRASHHOST_MYSQL"] = ConnectionString;
    }

    public static async Task<MySqlTestDatabase> CreateAsync(string serverConnectionString)
    {
        var database = new MySqlTestDatabase(serverConnectionString, "portable_d_" + Guid.NewGuid().ToString("N")[..12]);
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE `{database.Name}` CHARACTER SET utf8mb4");
        await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);
        return database;
    }

    public override void AddStore(IServiceCollection services) =>
        services.AddMySqlOrchestrationStore(new MySqlStorageOptions { ConnectionString = ConnectionString });

    /// <summary>Deletes every row the durable tables hold, so the next test starts from nothing.</summary>
    public Task EmptyAsync() => ExecuteAsync(
        ConnectionString,
        "DELETE FROM durable_history; DELETE FROM durable_inbox; DELETE FROM durable_activities; DELETE FROM durable_instances;");

    public async Task DropAsync()
    {
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS `{Name}`");
        MySqlConnection.ClearPool(new MySqlConnection(ConnectionString));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
