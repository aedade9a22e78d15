using MySqlConnector;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Durable;

/// <summary>
/// The claim procedure of the MySQL durable store at the SQL level, where what the store builds on can be shown
/// directly: a claim passes over the instances other open claims hold, and writes nothing of its own.
/// </summary>
public sealed class MySqlDurableProcedureTests
{
    private MySqlTestDatabase? _database;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await MySqlTestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SetUp]
    public async Task AddTwoRunnableInstances()
    {
        await using var connection = await _database!.OpenAsync();
        await ExecuteAsync(connection, """
            DELETE FROM durable_inbox; DELETE FROM durable_instances;
            INSERT INTO durable_instances (instance_id, execution_id, name, runtime_status, created_at, last_updated_at, last_sequence, lease_owner, lease_expires_at)
            VALUES ('first', 'e1', 'W', 1, 1, 1, 3, NULL, 0), ('second', 'e2', 'W', 1, 2, 2, 0, NULL, 0);
            INSERT INTO durable_inbox (instance_id, execution_id, event_type, visible_at, payload)
            VALUES ('first', 'e1', 3, 10, '{}'), ('second', 'e2', 3, 20, '{}');
            """);
    }

    [Test]
    public async Task A_claim_passes_over_the_instances_other_transactions_hold_and_takes_one_back_once_released()
    {
        await using var first = await _database!.OpenAsync();
        await using var second = await _database.OpenAsync();
        await using var third = await _database.OpenAsync();

        var held = await ClaimAsync(first);
        var next = await ClaimAsync(second);
        var none = await ClaimAsync(third);
        await ExecuteAsync(third, "ROLLBACK");
        await ExecuteAsync(first, "ROLLBACK");
        var released = await ClaimAsync(third);
        await ExecuteAsync(second, "ROLLBACK");
        await ExecuteAsync(third, "ROLLBACK");

        Assert.Multiple(() =>
        {
            Assert.That(held, Is.EqualTo("first"), "the oldest message first");
            Assert.That(next, Is.EqualTo("second"), "not waiting for the first claim, not taking its instance");
            Assert.That(none, Is.Null, "both are held");
            Assert.That(released, Is.EqualTo("first"), "free again once its claim rolled back");
        });
    }

    /// <summary>Runs the claim procedure in a transaction it leaves open; returns the claimed instance.</summary>
    private static async Task<string?> ClaimAsync(MySqlConnection connection)
    {
        await using var command = new MySqlCommand(
            "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; CALL durable_claim_step(100, 10);",
            connection);
        string? claimed = null;
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            claimed = reader.GetString(0);
        }

        while (await reader.NextResultAsync())
        {
        }

        return claimed;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
