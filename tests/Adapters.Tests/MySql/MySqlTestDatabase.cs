using MySqlConnector;
using Portable.Adapters.MySql.Migrations;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.MySql;

/// <summary>
/// A database of its own on the test server, so that fixtures never see each other's rows; dropped on disposal.
/// The test user may create and drop any database whose name starts with <c>portable</c>.
/// </summary>
internal sealed class MySqlTestDatabase : IAsyncDisposable
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

    public static async Task<MySqlTestDatabase> CreateAsync(bool migrate = true)
    {
        var server = TestServers.MySql;
        var database = new MySqlTestDatabase(server, "portable_t_" + Guid.NewGuid().ToString("N")[..12]);
        await database.ExecuteOnServerAsync($"CREATE DATABASE `{database.Name}` CHARACTER SET utf8mb4");
        if (migrate)
        {
            await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);
        }

        return database;
    }

    public async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS `{Name}`");
        MySqlConnection.ClearPool(new MySqlConnection(ConnectionString));
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new MySqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
