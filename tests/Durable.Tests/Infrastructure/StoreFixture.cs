using Portable.Tests.Support;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// A fixture that runs its tests on one store, named by <see cref="TestStores"/>. On MySQL it makes a database of its
/// own on the test server (<see cref="TestServers.MySql"/>) and drops it at the end; without that server its tests are
/// skipped, with the reason, or fail when <c>PORTABLE_REQUIRE_SERVERS=1</c> says the servers must be there.
/// </summary>
public abstract class StoreFixture(string store)
{
    private MySqlDurableDatabase? _mySql;

    protected string Store => store;

    [OneTimeSetUp]
    public async Task CreateStoreAsync()
    {
        if (store == TestStores.Sqlite)
        {
            return;
        }

        _mySql = await MySqlDurableDatabase.CreateAsync();
    }

    [OneTimeTearDown]
    public async Task DropStoreAsync()
    {
        if (_mySql is not null)
        {
            await _mySql.DropAsync();
        }
    }

    /// <summary>An empty store for this test.</summary>
    internal async Task<TestDatabase> NewDatabaseAsync()
    {
        if (_mySql is null)
        {
            return new SqliteTestDatabase();
        }

        await _mySql.EmptyAsync();
        return _mySql;
    }
}
