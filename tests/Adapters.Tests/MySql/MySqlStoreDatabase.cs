using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;

namespace Portable.Adapters.Tests.MySql;

/// <summary>A migrated database of one contract fixture's own, with the <see cref="MySqlDatabase"/> its stores share.</summary>
internal sealed class MySqlStoreDatabase : IAsyncDisposable
{
    private readonly MySqlTestDatabase _database;

    private MySqlStoreDatabase(MySqlTestDatabase database)
    {
        _database = database;
        Database = new MySqlDatabase(
            new MySqlStorageOptions { ConnectionString = database.ConnectionString }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
    }

    public MySqlDatabase Database { get; }

    public static async Task<MySqlStoreDatabase> CreateAsync() => new(await MySqlTestDatabase.CreateAsync());

    /// <summary>Deletes every row of <paramref name="tables"/>, so that a test starts from nothing.</summary>
    public async Task EmptyAsync(params string[] tables)
    {
        await using var connection = await _database.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = new MySqlCommand($"DELETE FROM `{table}`", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }
}
