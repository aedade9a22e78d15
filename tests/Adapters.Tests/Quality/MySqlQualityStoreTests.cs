using System.Globalization;
using Portable.Adapters.Tests.MySql;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Quality;

/// <summary>What the MySQL quality store does beyond the contract: how it reads a page of failed samples.</summary>
public sealed class MySqlQualityStoreTests
{
    private const string Columns = "sample_id, instrument_id, instance_id, passed, findings, checked_at, acquired_at, notification_status, notification_attempts, notification_error, notification_updated_at";

    private const string Order = "ORDER BY checked_at DESC, sample_id DESC LIMIT 51";

    private const string Cursor = "(checked_at < 2500 OR (checked_at = 2500 AND sample_id < 'S-0002500'))";

    private MySqlTestDatabase? _database;

    /// <summary>Five thousand samples of ten instruments, one in three failed.</summary>
    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        await QueryPlan.LoadAsync(_database, "quality_samples", Enumerable.Range(0, 10).Select(batch =>
            "INSERT INTO quality_samples (" + Columns + ") VALUES " + string.Join(",", Enumerable.Range((batch * 500) + 1, 500).Select(number =>
                string.Create(CultureInfo.InvariantCulture, $"('S-{number:D7}', 'UV-{number % 10}', 'qc-S-{number:D7}', {(number % 3 == 0 ? "FALSE" : "TRUE")}, '[]', {number}, {number}, 'Pending', 0, NULL, NULL)")))));
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The store's queries for a first page and a next page, of one instrument or of all, as it sends them.</summary>
    [TestCase($"SELECT {Columns} FROM quality_samples WHERE passed = FALSE AND instrument_id = 'UV-3' {Order}", "ix_quality_failures_instrument")]
    [TestCase($"SELECT {Columns} FROM quality_samples WHERE passed = FALSE AND instrument_id = 'UV-3' AND {Cursor} {Order}", "ix_quality_failures_instrument")]
    [TestCase($"SELECT {Columns} FROM quality_samples WHERE passed = FALSE {Order}", "ix_quality_failures")]
    [TestCase($"SELECT {Columns} FROM quality_samples WHERE passed = FALSE AND {Cursor} {Order}", "ix_quality_failures")]
    public async Task A_page_of_failures_is_read_along_an_index_without_a_sort(string query, string index)
    {
        var plan = await QueryPlan.ExplainAsync(_database!, query);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Key, Is.EqualTo(index));
            Assert.That(plan.Type, Is.AnyOf("ref", "range"));
            Assert.That(plan.Sorts, Is.False, plan.Extra);
        });
    }
}
