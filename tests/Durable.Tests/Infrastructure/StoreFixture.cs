namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// A fixture that runs its tests on one store, named by <see cref="TestStores"/>. On MySQL it makes a database of its
/// own from <c>PORTABLE_TEST_MYSQL</c> and drops it at the end; without that variable its tests are skipped, with the
/// reason, or fail when <c>PORTABLE_REQUIRE_SERVERS=1</c> says the servers must be there.
/// </summary>
public abstract class StoreFixture(string store)
{
    private MySqlTestDatabase? _mySql;

    protected string Store => store;

    [OneTimeSetUp]
    public async Task CreateStoreAsync()
    {
        if (store == TestStores.Sqlite)
        {
            return;
        }

        var server = Environment.GetEnvironmentVariable("PORTABLE_TEST_MYSQL");
        if (string.IsNullOrWhiteSpace(server))
        {
            const string Reason = "PORTABLE_TEST_MYSQL is not set: start MariaDB with eval \"$(bash scripts/mariadb.sh start)\" or run scripts/test.sh.";
            if (Environment.GetEnvironmentVariable("PORTABLE_REQUIRE_SERVERS") == "1")
            {
                Assert.Fail(Reason);
            }

            Assert.Ignore(Reason);
        }

        _mySql = await MySqlTestDatabase.CreateAsync(server!);
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
