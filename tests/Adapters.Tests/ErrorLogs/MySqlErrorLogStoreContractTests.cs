using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Core.ErrorLogs;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.ErrorLogs;

/// <summary>The contract on MariaDB, in a database of this fixture's own, emptied before each test.</summary>
[TestFixture(false)]
[TestFixture(true)]
public sealed class MySqlErrorLogStoreContractTests(bool coalesced) : ErrorLogStoreContractTests(coalesced)
{
    private MySqlTestDatabase? _database;
    private MySqlDatabase? _mySql;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _mySql = new MySqlDatabase(new MySqlStorageOptions { ConnectionString = _database.ConnectionString }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_mySql is not null)
        {
            await _mySql.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override IErrorLogReadings Readings => new MySqlErrorLogReadings(_mySql!);

    protected override async Task<IErrorLogStore> CreateEmptyStoreAsync()
    {
        await using (var connection = await _database!.OpenAsync())
        {
            await using var command = new MySqlCommand("TRUNCATE TABLE Logs", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new MySqlErrorLogStore(_mySql!);
    }
}
