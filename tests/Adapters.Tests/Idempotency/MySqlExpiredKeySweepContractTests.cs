using System.Globalization;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Orders;
using Portable.Adapters.Tests.MySql;
using Portable.Core.Idempotency;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Idempotency;

/// <summary>The contract on MariaDB, in a database of this fixture's own, emptied before each test.</summary>
public sealed class MySqlExpiredKeySweepContractTests : ExpiredKeySweepContractTests
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

    protected override async Task<(IOrderStore Orders, IExpiredKeyStore Keys)> CreateEmptyAsync()
    {
        await _database!.EmptyAsync("idempotency_keys");
        return (new MySqlOrderStore(_database.Database), new MySqlExpiredKeyStore(_database.Database));
    }

    protected override Task<int> CountKeysAsync() => _database!.Database.RunAsync(
        async (connection, token) =>
        {
            await using var count = new MySqlCommand("SELECT COUNT(*) FROM idempotency_keys", connection);
            return Convert.ToInt32(await count.ExecuteScalarAsync(token), CultureInfo.InvariantCulture);
        },
        CancellationToken.None);
}
