using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.Validation;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.MySql;

/// <summary>
/// The schema is checked (and migrated) at the database's first use, not when the host is composed: once a process
/// however many calls and pools come at once, again after a failure, never when the host migrated it at start.
/// </summary>
public sealed class MySqlSchemaTests
{
    private const string Checking = "Checking the schema of database";

    private static readonly Func<MySqlConnection, CancellationToken, Task<int>> CountMigrations =
        (connection, _) => connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations");

    private static MySqlStorageOptions Options(string connectionString) => new() { ConnectionString = connectionString };

    [Test]
    public async Task The_first_use_of_a_fresh_database_migrates_it()
    {
        await using var server = await MySqlTestDatabase.CreateAsync(migrate: false);
        await using var database = new MySqlDatabase(Options(server.ConnectionString), TimeProvider.System, NullLogger<MySqlDatabase>.Instance);

        var recorded = await database.RunAsync(CountMigrations, CancellationToken.None);

        Assert.That(recorded, Is.Positive);
        Assert.That(await MySqlMigrator.MigrateAsync(server.ConnectionString, CancellationToken.None), Is.Empty, "nothing left to apply");
    }

    [Test]
    public async Task Concurrent_first_uses_on_two_pools_of_one_schema_check_it_once()
    {
        await using var server = await MySqlTestDatabase.CreateAsync(migrate: false);
        var logger = new CapturingLogger<MySqlSchema>();
        var schema = new MySqlSchema(Options(server.ConnectionString), logger);
        await using var stores = new MySqlDatabase(Options(server.ConnectionString), TimeProvider.System, NullLogger<MySqlDatabase>.Instance, schema);
        await using var durable = new MySqlDatabase(
            Options(server.ConnectionString) with { ResetPooledConnections = false }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance, schema);

        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => i % 2 == 0
            ? stores.RunAsync(CountMigrations, CancellationToken.None)
            : durable.RunStatelessAsync(CountMigrations, CancellationToken.None))));

        Assert.Multiple(() =>
        {
            Assert.That(counts.Distinct(), Has.Exactly(1).Positive, "every call saw the whole schema");
            Assert.That(logger.Lines.Count(line => line.Contains(Checking, StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(logger.Lines.Count(line => line.Contains("Applied migration 0001_error_logs", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(schema.IsCurrent);
        });
    }

    [Test]
    public async Task A_current_schema_is_found_so_by_one_read_and_the_next_calls_check_nothing()
    {
        await using var server = await MySqlTestDatabase.CreateAsync();
        var logger = new CapturingLogger<MySqlSchema>();
        await using var database = new MySqlDatabase(
            Options(server.ConnectionString), TimeProvider.System, NullLogger<MySqlDatabase>.Instance, new MySqlSchema(Options(server.ConnectionString), logger));

        await database.RunAsync(CountMigrations, CancellationToken.None);
        await database.RunAsync(CountMigrations, CancellationToken.None);

        Assert.That(logger.Lines.Count(line => line.Contains(Checking, StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(logger.Lines, Has.None.Contains("Applied migration"));
    }

    [Test]
    public async Task A_call_waiting_for_another_calls_check_can_be_cancelled_and_the_check_completes()
    {
        await using var server = await MySqlTestDatabase.CreateAsync(migrate: false);
        await using var database = new MySqlDatabase(Options(server.ConnectionString), TimeProvider.System, NullLogger<MySqlDatabase>.Instance);

        // Another migration (as of another process) holds the database's lock: the first call's check waits for it.
        await using var other = await server.OpenAsync();
        Assert.That(await other.ExecuteScalarAsync<int>("SELECT GET_LOCK(@name, 0)", new { name = "schema_migrations." + server.Name }), Is.EqualTo(1));
        var first = database.RunAsync(CountMigrations, CancellationToken.None);
        while (await other.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT GET_LOCK%' AND ID <> CONNECTION_ID()") == 0)
        {
            Assert.That(first.IsCompleted, Is.False, "the first call waits for the lock");
            await Task.Yield();
        }

        using var cancel = new CancellationTokenSource();
        var waiting = database.RunAsync(CountMigrations, cancel.Token);
        await cancel.CancelAsync();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(first.IsCompleted, Is.False);
        await other.ExecuteAsync("DO RELEASE_LOCK(@name)", new { name = "schema_migrations." + server.Name });
        Assert.That(await first, Is.Positive);
    }

    [Test]
    public async Task A_schema_migrated_by_the_host_at_start_is_not_checked_again_at_the_first_use()
    {
        await using var server = await MySqlTestDatabase.CreateAsync(migrate: false);
        var options = Options(server.ConnectionString);
        var logger = new CapturingLogger<MySqlSchema>();
        var schema = new MySqlSchema(options, logger);
        await using var database = new MySqlDatabase(options, TimeProvider.System, NullLogger<MySqlDatabase>.Instance, schema);

        await new MySqlMigrationService(schema, options, TimeProvider.System, NullLogger<MySqlMigrationService>.Instance).StartAsync(CancellationToken.None);
        var recorded = await database.RunAsync(CountMigrations, CancellationToken.None);

        Assert.That(recorded, Is.Positive);
        Assert.That(logger.Lines, Has.None.Contains(Checking));
    }

    [Test]
    public async Task A_schema_that_cannot_be_brought_up_to_date_is_a_clear_error_and_the_next_use_tries_again()
    {
        await using var server = await MySqlTestDatabase.CreateAsync();
        string recorded;
        await using (var connection = await server.OpenAsync())
        {
            recorded = await connection.ExecuteScalarAsync<string>("SELECT checksum FROM schema_migrations WHERE version = 1") ?? "";
            await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = REPEAT('0', 64) WHERE version = 1");
        }

        await using var database = new MySqlDatabase(Options(server.ConnectionString), TimeProvider.System, NullLogger<MySqlDatabase>.Instance);

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => database.RunAsync(CountMigrations, CancellationToken.None));
        Assert.That(failure!.Message, Does.Contain($"The schema of database '{server.Name}' could not be brought up to date")
            .And.Contains("0001_error_logs was edited after it was applied"));

        await using (var connection = await server.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = @recorded WHERE version = 1", new { recorded });
        }

        Assert.That(await database.RunAsync(CountMigrations, CancellationToken.None), Is.Positive);
    }

    [Test]
    public async Task A_server_down_at_the_first_use_is_a_503_and_a_use_after_it_is_back_migrates()
    {
        await using var server = await PrivateMariaDb.StartAsync();
        var logger = new CapturingLogger<MySqlSchema>();
        var options = Options(server.ConnectionString) with { BreakDuration = TimeSpan.Zero };
        await using var database = new MySqlDatabase(options, TimeProvider.System, NullLogger<MySqlDatabase>.Instance, new MySqlSchema(options, logger));
        await server.KillAsync();

        var down = Assert.ThrowsAsync<UnavailableException>(() => database.RunAsync(CountMigrations, CancellationToken.None));
        Assert.That(down!.Message, Is.EqualTo("The database is unavailable; try again shortly."));

        await server.RestartAsync();
        var recorded = await database.RunAsync(CountMigrations, CancellationToken.None);

        Assert.That(recorded, Is.Positive);
        Assert.That(logger.Lines, Has.Some.Contains("Applied migration 0001_error_logs"));
    }

    [Test]
    public async Task Without_automatic_migration_the_first_use_checks_nothing()
    {
        await using var server = await MySqlTestDatabase.CreateAsync(migrate: false);
        var options = Options(server.ConnectionString) with { MigrateOnStart = false };
        await using var database = new MySqlDatabase(options, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);

        var missing = Assert.ThrowsAsync<MySqlException>(() => database.RunAsync(CountMigrations, CancellationToken.None));

        Assert.That(missing!.ErrorCode, Is.EqualTo(MySqlErrorCode.NoSuchTable));
    }
}
