using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.Tests.MySql;
using Portable.Core.ErrorLogs;

namespace Portable.Adapters.Tests.ErrorLogs;

/// <summary>What the MySQL store does beyond the contract: how it reads, and where its ids come from.</summary>
public sealed class MySqlErrorLogStoreTests
{
    private MySqlTestDatabase? _database;
    private MySqlDatabase? _mySql;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        _mySql = new MySqlDatabase(new MySqlStorageOptions { ConnectionString = _database.ConnectionString }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
        var store = new MySqlErrorLogStore(_mySql);
        for (var batch = 0; batch < 5; batch++)
        {
            await store.AppendAsync([.. Enumerable.Range(0, 2000).Select(i => ErrorLog.Create($"device-{i % 50}", i, (batch * 2000) + i))], CancellationToken.None);
        }

        await using var connection = await _database.OpenAsync();
        await using var analyze = new MySqlCommand("ANALYZE TABLE Logs", connection);
        await analyze.ExecuteNonQueryAsync();
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

    [TestCase("SELECT error_log_id, device_id, error_number, time_stamp FROM Logs ORDER BY time_stamp DESC, error_log_id DESC LIMIT 10", "IX_Logs_Recent")]
    [TestCase("SELECT error_log_id, device_id, error_number, time_stamp FROM Logs WHERE device_id = 'device-7' ORDER BY time_stamp DESC, error_log_id DESC LIMIT 10", "IX_Logs_Device_Recent")]
    public async Task The_most_recent_are_read_along_an_index_without_a_sort(string query, string index)
    {
        await using var connection = await _database!.OpenAsync();
        await using var command = new MySqlCommand("EXPLAIN " + query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);

        Assert.That(reader["key"], Is.EqualTo(index));
        Assert.That(reader["Extra"] as string ?? "", Does.Not.Contain("filesort"));
    }

    [Test]
    public async Task Ids_come_from_the_sequence_whatever_the_auto_increment_counter_says()
    {
        long next;
        await using (var connection = await _database!.OpenAsync())
        {
            await using var bump = new MySqlCommand("ALTER TABLE Logs AUTO_INCREMENT = 5000000", connection);
            await bump.ExecuteNonQueryAsync();
            await using var read = new MySqlCommand("SELECT next_id FROM id_sequences WHERE name = 'Logs'", connection);
            next = (long)(await read.ExecuteScalarAsync())!;
        }

        var ids = await new MySqlErrorLogStore(_mySql!).AppendAsync([ErrorLog.Create("seq", 1, 1), ErrorLog.Create("seq", 2, 2)], CancellationToken.None);

        Assert.That(ids, Is.EqualTo(new[] { next, next + 1 }));
    }
}
