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

        var (held, _, _) = await ClaimAsync(first);
        var (next, _, _) = await ClaimAsync(second);
        var (none, _, _) = await ClaimAsync(third);
        await ExecuteAsync(first, "ROLLBACK");
        var (released, _, _) = await ClaimAsync(third);
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

    [Test]
    public async Task A_claim_locks_only_the_instance_and_message_it_returns_and_says_another_is_ready()
    {
        await using var claimer = await _database!.OpenAsync();
        await using var other = await _database.OpenAsync();

        var claim = await ClaimAsync(claimer);
        await ExecuteAsync(other, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION;");
        var lockedSecond = await CountAsync(other, "SELECT COUNT(*) FROM durable_instances WHERE instance_id = 'second' FOR UPDATE NOWAIT");
        var lockedSecondMessage = await CountAsync(other, "SELECT COUNT(*) FROM durable_inbox WHERE instance_id = 'second' FOR UPDATE NOWAIT");
        await ExecuteAsync(other, "ROLLBACK");
        await ExecuteAsync(claimer, "ROLLBACK");

        Assert.Multiple(() =>
        {
            Assert.That(claim.Instance, Is.EqualTo("first"));
            Assert.That(claim.More, Is.True, "second has a message ready");
            Assert.That(lockedSecond, Is.EqualTo(1), "the other instance's row is free to lock at once");
            Assert.That(lockedSecondMessage, Is.EqualTo(1), "and so is its message");
        });
    }

    [Test]
    public async Task A_claims_more_hint_counts_only_instances_no_other_claim_holds_and_its_mark_is_never_seen_committed()
    {
        await using var first = await _database!.OpenAsync();
        await using var second = await _database.OpenAsync();
        await using var reader = await _database.OpenAsync();

        var takesFirst = await ClaimAsync(first);
        var takesSecond = await ClaimAsync(second);
        var leaseSeen = await CountAsync(reader, "SELECT MAX(lease_expires_at) FROM durable_instances");
        await ExecuteAsync(first, "ROLLBACK");
        var leaseAfterRollback = await CountAsync(reader, "SELECT lease_expires_at FROM durable_instances WHERE instance_id = 'first'");
        var retakesFirst = await ClaimAsync(first);
        await ExecuteAsync(first, "ROLLBACK");
        await ExecuteAsync(second, "ROLLBACK");

        Assert.Multiple(() =>
        {
            Assert.That((takesFirst.Instance, takesFirst.More), Is.EqualTo(("first", true)), "second is free and ready");
            Assert.That((takesSecond.Instance, takesSecond.More), Is.EqualTo(("second", false)), "first is held by the other claim: no more to take");
            Assert.That((retakesFirst.Instance, retakesFirst.More), Is.EqualTo(("first", false)), "second is still held");
            Assert.That(leaseSeen, Is.Zero, "the claims' lease marks are not committed: READ COMMITTED readers see none");
            Assert.That(leaseAfterRollback, Is.Zero, "a rolled-back claim leaves no lease behind");
        });
    }

    [Test]
    public async Task An_inline_step_takes_its_result_only_while_the_activity_is_leased_to_its_worker()
    {
        await using var worker = await _database!.OpenAsync();
        await ExecuteAsync(worker, """
            DELETE FROM durable_activities; DELETE FROM durable_inbox WHERE instance_id = 'first';
            INSERT INTO durable_activities (instance_id, execution_id, task_id, name, attempt, visible_at, lease_owner, lease_expires_at)
            VALUES ('first', 'e1', 1, 'A', 1, 1, 'other', 1000), ('first', 'e1', 2, 'A', 1, 1, 'me', 1000);
            """);
        var othersRow = await CountAsync(worker, "SELECT id FROM durable_activities WHERE lease_owner = 'other'");
        var ourRow = await CountAsync(worker, "SELECT id FROM durable_activities WHERE lease_owner = 'me'");

        var refusal = Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(worker,
            $"SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; CALL durable_take_inline_result('first', 'e1', 3, 100, {othersRow}, 'me');"));
        await ExecuteAsync(worker, "ROLLBACK");
        var staleSequence = Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(worker,
            $"SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; CALL durable_take_inline_result('first', 'e1', 2, 100, {ourRow}, 'me');"));
        await ExecuteAsync(worker, "ROLLBACK");
        await ExecuteAsync(worker,
            $"SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; CALL durable_take_inline_result('first', 'e1', 3, 100, {ourRow}, 'me'); COMMIT;");
        var left = await CountAsync(worker, "SELECT COUNT(*) FROM durable_activities");

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.SqlState, Is.EqualTo("45000"), "another worker's activity is not taken");
            Assert.That(staleSequence!.SqlState, Is.EqualTo("45000"), "nor one of a history the instance has moved past");
            Assert.That(left, Is.EqualTo(1), "ours is taken, the other worker's stays");
        });
    }

    [Test]
    public async Task An_ending_instance_drops_all_its_activities_and_messages_and_leaves_another_instances_rows_free()
    {
        await using var ender = await _database!.OpenAsync();
        await using var other = await _database.OpenAsync();
        await ExecuteAsync(ender, """
            DELETE FROM durable_activities;
            INSERT INTO durable_activities (instance_id, execution_id, task_id, name, attempt, visible_at)
            VALUES ('first', 'e1', 1, 'A', 1, 1), ('first', 'e1', 2, 'A', 1, 1), ('second', 'e2', 1, 'A', 1, 1);
            """);
        var completed = await CountAsync(ender, "SELECT MIN(id) FROM durable_activities WHERE instance_id = 'first'");

        // As a final step does: the activity whose result it commits goes by id, then whatever else the instance owns.
        await ExecuteAsync(ender, $"SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; UPDATE durable_instances SET runtime_status = 2 WHERE instance_id = 'first'; DELETE FROM durable_activities WHERE id = {completed}; CALL durable_end_instance('first');");
        await ExecuteAsync(other, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION;");
        var otherActivity = await CountAsync(other, "SELECT COUNT(*) FROM durable_activities WHERE instance_id = 'second' FOR UPDATE NOWAIT");
        var otherMessage = await CountAsync(other, "SELECT COUNT(*) FROM durable_inbox WHERE instance_id = 'second' FOR UPDATE NOWAIT");
        await ExecuteAsync(other, "ROLLBACK");
        await ExecuteAsync(ender, "COMMIT");

        var leftActivities = await CountAsync(other, "SELECT COUNT(*) FROM durable_activities WHERE instance_id = 'first'");
        var leftMessages = await CountAsync(other, "SELECT COUNT(*) FROM durable_inbox WHERE instance_id = 'first'");
        var keptActivities = await CountAsync(other, "SELECT COUNT(*) FROM durable_activities WHERE instance_id = 'second'");

        Assert.Multiple(() =>
        {
            Assert.That(otherActivity, Is.EqualTo(1), "the other instance's activity row is free to lock at once");
            Assert.That(otherMessage, Is.EqualTo(1), "and so is its message");
            Assert.That(leftActivities, Is.Zero, "no activity of the ended instance is left to claim");
            Assert.That(leftMessages, Is.Zero, "nor a message");
            Assert.That(keptActivities, Is.EqualTo(1), "the other instance keeps its own");
        });
    }

    [Test]
    public async Task An_empty_claim_ends_its_own_transaction_and_tells_when_the_next_message_is_due()
    {
        await using var claimer = await _database!.OpenAsync();
        await using var reader = await _database.OpenAsync();
        await ExecuteAsync(claimer, "UPDATE durable_inbox SET visible_at = visible_at + 1000;");

        var claim = await ClaimAsync(claimer);

        // Were the claim's transaction still open, this write would stay invisible to other sessions until it ended.
        await ExecuteAsync(claimer, "UPDATE durable_instances SET name = 'seen' WHERE instance_id = 'first';");
        var seen = await CountAsync(reader, "SELECT COUNT(*) FROM durable_instances WHERE name = 'seen'");

        Assert.Multiple(() =>
        {
            Assert.That(claim.Instance, Is.Null);
            Assert.That(claim.More, Is.False);
            Assert.That(claim.NextDue, Is.EqualTo(1010), "the earliest future visible_at");
            Assert.That(seen, Is.EqualTo(1), "the claim rolled its transaction back itself");
        });
    }

    /// <summary>Runs the claim procedure in a transaction it leaves open when it claims; returns what it answered.</summary>
    private static async Task<(string? Instance, bool More, long? NextDue)> ClaimAsync(MySqlConnection connection)
    {
        await using var command = new MySqlCommand(
            "CALL durable_claim_step(100, 10, 60);",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var found = reader.GetInt64(0) != 0;
        var more = reader.GetInt64(1) != 0;
        long? nextDue = reader.IsDBNull(2) ? null : reader.GetInt64(2);
        string? claimed = null;
        if (found && await reader.NextResultAsync() && await reader.ReadAsync())
        {
            claimed = reader.GetString(0);
        }

        while (await reader.NextResultAsync())
        {
        }

        return (claimed, more, nextDue);
    }

    private static async Task<long> CountAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
