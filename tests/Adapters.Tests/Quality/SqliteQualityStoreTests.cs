using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Quality;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>What the SQLite quality store does beyond the contract: it upgrades a file made by an earlier version, and reads pages along an index.</summary>
public sealed class SqliteQualityStoreTests
{
    private readonly SqliteFiles _files = new();

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();

    [Test]
    public async Task A_file_made_before_acquisition_times_were_kept_gains_the_column_and_its_rows_have_none()
    {
        var database = _files.Database("old");
        using (var connection = database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE quality_samples (
                    sample_id TEXT PRIMARY KEY, instrument_id TEXT NOT NULL, instance_id TEXT NOT NULL, passed INTEGER NOT NULL,
                    findings TEXT NOT NULL, checked_at TEXT NOT NULL, notification_status TEXT NOT NULL,
                    notification_attempts INTEGER NOT NULL DEFAULT 0, notification_error TEXT NULL, notification_updated_at TEXT NULL);
                INSERT INTO quality_samples VALUES ('S-old', 'UV-1', 'qc-S-old', 0, '[]', '2026-11-23T08:00:00.0000000+00:00', 'Undelivered', 5, 'HTTP 503', NULL);
                """);
        }

        var store = new SqliteQualityStore(database);
        _ = new SqliteQualityStore(database);
        var acquired = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        await store.SaveVerdictAsync(
            new QualityRecord("S-new", "UV-1", "qc-S-new", true, [], acquired.AddHours(1), acquired, NotificationStatus.NotRequired), CancellationToken.None);

        var old = await store.GetAsync("S-old", CancellationToken.None);
        var fresh = await store.GetAsync("S-new", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((old!.AcquiredAt, old.NotificationStatus, old.NotificationAttempts), Is.EqualTo(((DateTimeOffset?)null, NotificationStatus.Undelivered, 5)));
            Assert.That(fresh!.AcquiredAt, Is.EqualTo(acquired));
        });
    }

    /// <summary>The store's queries for a first page and a next page, of one instrument or of all, as it sends them.</summary>
    [TestCase("passed = 0 AND instrument_id = 'UV-3'", "ix_quality_failures_instrument")]
    [TestCase("passed = 0 AND instrument_id = 'UV-3' AND (checked_at < '2026' OR (checked_at = '2026' AND sample_id < 'S-5'))", "ix_quality_failures_instrument")]
    [TestCase("passed = 0", "ix_quality_failures_paged")]
    [TestCase("passed = 0 AND (checked_at < '2026' OR (checked_at = '2026' AND sample_id < 'S-5'))", "ix_quality_failures_paged")]
    public void A_page_of_failures_is_read_along_an_index_without_a_sort(string where, string index)
    {
        var database = _files.Database();
        _ = new SqliteQualityStore(database);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN SELECT * FROM quality_samples WHERE {where} ORDER BY checked_at DESC, sample_id DESC LIMIT 51;";
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Multiple(() =>
        {
            Assert.That(plan, Has.Some.Contains($"USING INDEX {index}"));
            Assert.That(plan, Has.None.Contains("TEMP B-TREE"), "no sort");
        });
    }
}
