using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.Tests.MySql;
using Portable.Core.ErrorLogs;
using Portable.Tests.Support;

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
        var plan = await QueryPlan.ExplainAsync(_database!, query);

        Assert.That(plan.Key, Is.EqualTo(index));
        Assert.That(plan.Sorts, Is.False, plan.Extra);
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

    [Test]
    public async Task An_append_that_fails_in_its_second_statement_leaves_nothing_behind()
    {
        var store = new MySqlErrorLogStore(_mySql!);
        var probe = await store.AppendAsync([ErrorLog.Create("probe", 1, 1)], CancellationToken.None);
        // A writer that ignores the sequence takes an id this store will reach in the second INSERT of its next append.
        var taken = probe[0] + 1 + MySqlErrorLogStore.RowsPerStatement + 200;
        await using (var connection = await _database!.OpenAsync())
        {
            await using var foreign = new MySqlCommand($"INSERT INTO Logs (error_log_id, device_id, error_number, time_stamp) VALUES ({taken}, 'foreign', 0, 0)", connection);
            await foreign.ExecuteNonQueryAsync();
        }

        var batch = Enumerable.Range(0, 1500).Select(i => ErrorLog.Create("atomic", i, i)).ToArray();
        var refused = Assert.ThrowsAsync<MySqlException>(() => store.AppendAsync(batch, CancellationToken.None));

        Assert.That(refused!.ErrorCode, Is.EqualTo(MySqlErrorCode.DuplicateKeyEntry));
        Assert.That(await store.RecentAsync("atomic", 10, CancellationToken.None), Is.Empty, "the first statement's 1000 rows were rolled back");
        Assert.That(await store.AppendAsync([ErrorLog.Create("after", 1, 1)], CancellationToken.None), Has.Count.EqualTo(1));
    }
}
