using System.Globalization;
using Portable.Adapters.MySql;
using Portable.Adapters.Tests.MySql;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Idempotency;

/// <summary>How the sweep's batch reads the table: along the expiry index, from its start, never the whole table.</summary>
public sealed class MySqlExpiredKeyStoreTests
{
    private static readonly long Base = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    private MySqlTestDatabase? _database;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        // 5000 keys a second apart; the sweep's instant below has 4000 of them expired.
        await QueryPlan.LoadAsync(_database, "idempotency_keys", Enumerable.Range(0, 10).Select(batch =>
            "INSERT INTO idempotency_keys (scope, idem_key, fingerprint, result, expires_at) VALUES " + string.Join(",", Enumerable.Range(batch * 500, 500).Select(number =>
                string.Create(CultureInfo.InvariantCulture, $"('queue:error-logs', 'm-{number}', REPEAT('a', 64), '1', {Base + (number * TimeSpan.TicksPerSecond)})")))));
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task A_batch_deletes_along_the_expiry_index_without_a_sort()
    {
        var query = MySqlExpiredKeyStore.DeleteBatch
            .Replace("@now", (Base + (4000 * TimeSpan.TicksPerSecond)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@limit", "1000", StringComparison.Ordinal);

        var plan = await QueryPlan.ExplainAsync(_database!, query);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Key, Is.EqualTo("ix_idempotency_keys_expires"));
            Assert.That(plan.Type, Is.EqualTo("range"));
            Assert.That(plan.Sorts, Is.False, plan.Extra);
        });
    }
}
