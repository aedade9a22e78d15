using Portable.Adapters.MySql.Quality;
using Portable.Adapters.Tests.MySql;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>The notification activity on MariaDB, in a database of this fixture's own, emptied before each test.</summary>
public sealed class MySqlNotifyLabStaffActivityTests : NotifyLabStaffActivityTests
{
    private MySqlStoreDatabase? _database;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await MySqlStoreDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IQualityStore> CreateEmptyStoreAsync()
    {
        await _database!.EmptyAsync("quality_samples");
        return new MySqlQualityStore(_database.Database);
    }
}
