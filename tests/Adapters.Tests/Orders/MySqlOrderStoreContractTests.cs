using Portable.Adapters.MySql.Orders;
using Portable.Adapters.Tests.MySql;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Orders;

/// <summary>The contract on MariaDB, in a database of this fixture's own, emptied before each test.</summary>
public sealed class MySqlOrderStoreContractTests : OrderStoreContractTests
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

    protected override async Task<IOrderStore> CreateEmptyStoreAsync()
    {
        await _database!.EmptyAsync("orders", "order_cancel_requests", "idempotency_keys");
        return new MySqlOrderStore(_database.Database);
    }
}
