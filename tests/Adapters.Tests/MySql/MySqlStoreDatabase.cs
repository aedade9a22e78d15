using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.MySql;
using Portable.Tests.Support;

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
    public Task EmptyAsync(params string[] tables) => _database.EmptyAsync(tables);

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _database.DisposeAsync();
    }
}
