using MySqlConnector;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Tests.Support;

/// <summary>
/// A database of one fixture's (or one host's) own on the test server (<see cref="TestServers.MySql"/>), so that tests
/// never see each other's rows: created as <c>portable_{purpose}_*</c>, migrated unless asked not to, emptied between
/// tests with <see cref="EmptyAsync"/>, and dropped, with its connection pool cleared, on disposal. The test user may
/// create and drop any database whose name starts with <c>portable</c>.
/// </summary>
public sealed class MySqlTestDatabase : IAsyncDisposable
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

    /// <summary>
    /// Creates the database; with <paramref name="migrate"/>, brings it to the latest schema with <see cref="MySqlMigrator"/>.
    /// <paramref name="purpose"/> (letters and digits) goes into its name, to tell whose a database left behind is.
    /// </summary>
    public static async Task<MySqlTestDatabase> CreateAsync(bool migrate = true, string purpose = "t")
    {
        if (string.IsNullOrEmpty(purpose) || !purpose.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A purpose is letters and digits only.", nameof(purpose));
        }

        var database = new MySqlTestDatabase(TestServers.MySql, $"portable_{purpose}_{Guid.NewGuid().ToString("N")[..12]}");
        await ExecuteAsync(database._serverConnectionString, $"CREATE DATABASE `{database.Name}` CHARACTER SET utf8mb4");
        if (migrate)
        {
            try
            {
                await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }

        return database;
    }

    public async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Deletes every row of <paramref name="tables"/>, in the order given (children before parents), so that a test starts from nothing.</summary>
    public Task EmptyAsync(params string[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.Length == 0
            ? Task.CompletedTask
            : ExecuteAsync(ConnectionString, string.Concat(tables.Select(table => $"DELETE FROM `{table}`;")));
    }

    public async ValueTask DisposeAsync()
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
