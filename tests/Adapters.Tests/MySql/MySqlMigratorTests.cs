using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.MySql;

public sealed class MySqlMigratorTests
{
    [Test]
    public async Task A_new_database_gets_every_migration_and_a_second_run_applies_none()
    {
        await using var database = await MySqlTestDatabase.CreateAsync(migrate: false);

        var first = await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);
        var second = await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);

        Assert.That(first, Does.Contain("0001_error_logs"));
        Assert.That(second, Is.Empty);
        await using var connection = await database.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations"), Is.EqualTo(first.Count));
    }

    [Test]
    public async Task Each_applied_checksum_is_the_sha256_of_its_script_file_with_unix_line_endings()
    {
        await using var database = await MySqlTestDatabase.CreateAsync(migrate: true);
        await using var connection = await database.OpenAsync();
        var applied = (await connection.QueryAsync<(string Name, string Checksum)>("SELECT name, checksum FROM schema_migrations")).ToList();
        var files = Directory.GetFiles(Repository.PathOf("Adapters", "MySql", "Migrations"), "*.sql");

        Assert.That(applied.Select(row => row.Name), Is.EquivalentTo(files.Select(Path.GetFileNameWithoutExtension)));
        Assert.Multiple(() =>
        {
            foreach (var (name, checksum) in applied)
            {
                var script = File.ReadAllText(Repository.PathOf("Adapters", "MySql", "Migrations", name + ".sql")).ReplaceLineEndings("\n");
                Assert.That(checksum, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))), name);
            }
        });
    }

    [Test]
    public async Task Concurrent_runs_apply_each_migration_once()
    {
        await using var database = await MySqlTestDatabase.CreateAsync(migrate: false);

        // Each run has its own unpooled session, as separate processes would: the named lock serializes them.
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None))));

        Assert.That(runs.SelectMany(applied => applied), Is.Unique);
        Assert.That(runs.Count(applied => applied.Count > 0), Is.EqualTo(1));
        await using var connection = await database.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations"), Is.EqualTo(runs.Sum(applied => applied.Count)));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM id_sequences WHERE name = 'Logs'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_migration_edited_after_it_was_applied_stops_the_run()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = REPEAT('0', 64) WHERE version = 1");
        }

        Assert.That(async () => await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("0001_error_logs"));
    }

    [Test]
    public async Task Device_ids_compare_byte_for_byte_without_padding()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using var connection = await database.OpenAsync();

        var collation = await connection.ExecuteScalarAsync<string>(
            "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'Logs' AND COLUMN_NAME = 'device_id'");

        Assert.That(collation, Is.AnyOf("utf8mb4_nopad_bin", "utf8mb4_0900_bin"));
    }

    [Test]
    public async Task The_recent_orders_index_and_the_acquisition_column_migrations_run_again_safely()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            // As if a run had applied their changes and stopped before recording them.
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version IN (7, 8)");
        }

        var again = await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);

        await using var check = await database.OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(again, Is.EqualTo(new[] { "0007_recent_orders", "0008_quality_acquired_at" }));
            Assert.That(await check.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND INDEX_NAME = 'ix_orders_recent'"), Is.EqualTo(2), "one index of two columns");
            Assert.That(await check.ExecuteScalarAsync<string>(
                "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'quality_samples' AND COLUMN_NAME = 'acquired_at'"), Is.EqualTo("YES"));
            Assert.That(await check.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME LIKE 'portable_migration_%'"), Is.Zero, "no helper procedure is left behind");
        });
    }

    [Test]
    public async Task The_failures_by_instrument_migration_runs_again_safely_and_makes_instrument_ids_compare_byte_for_byte()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 20");
        }

        var again = await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);

        await using var check = await database.OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(again, Is.EqualTo(new[] { "0020_quality_failures_by_instrument" }));
            Assert.That(await check.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'quality_samples' AND INDEX_NAME = 'ix_quality_failures_instrument'"), Is.EqualTo(4), "one index of four columns");
            Assert.That(await check.ExecuteScalarAsync<string>(
                "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'quality_samples' AND COLUMN_NAME = 'instrument_id'"), Is.AnyOf("utf8mb4_nopad_bin", "utf8mb4_0900_bin"));
            Assert.That(await check.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME LIKE 'portable_migration_%'"), Is.Zero, "no helper procedure is left behind");
        });
    }

    [Test]
    public async Task The_idempotency_key_expiry_index_migration_runs_again_safely()
    {
        await using var database = await MySqlTestDatabase.CreateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 21");
        }

        var again = await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None);

        await using var check = await database.OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(again, Is.EqualTo(new[] { "0021_idempotency_keys_by_expiry" }));
            Assert.That(await check.ExecuteScalarAsync<string>(
                "SELECT GROUP_CONCAT(COLUMN_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'idempotency_keys' AND INDEX_NAME = 'ix_idempotency_keys_expires'"), Is.EqualTo("expires_at"), "one index of the one column");
            Assert.That(await check.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME LIKE 'portable_migration_%'"), Is.Zero, "no helper procedure is left behind");
        });
    }

    [Test]
    public async Task The_hosted_service_migrates_at_start()
    {
        await using var database = await MySqlTestDatabase.CreateAsync(migrate: false);
        var options = new MySqlStorageOptions { ConnectionString = database.ConnectionString };

        await new MySqlMigrationService(new MySqlSchema(options, NullLogger<MySqlSchema>.Instance), options, TimeProvider.System, NullLogger<MySqlMigrationService>.Instance).StartAsync(CancellationToken.None);

        Assert.That(await MySqlMigrator.MigrateAsync(database.ConnectionString, CancellationToken.None), Is.Empty);
    }
}
