using System.Globalization;
using Portable.Adapters.Tests.MySql;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Orders;

/// <summary>What the MySQL order store does beyond the contract: how it reads the most recent orders.</summary>
public sealed class MySqlOrderStoreTests
{
    private const string Columns = "order_id, item, amount, description, ordered_by, status, payment_id, status_reason, created_at, updated_at";

    private MySqlTestDatabase? _database;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await MySqlTestDatabase.CreateAsync();
        string[] statuses = ["Processing", "Placed", "InTransit", "Completed", "Cancelled", "Failed"];
        await QueryPlan.LoadAsync(_database, "orders", Enumerable.Range(0, 10).Select(batch =>
            "INSERT INTO orders (" + Columns + ") VALUES " + string.Join(",", Enumerable.Range((batch * 500) + 1, 500).Select(number =>
                string.Create(CultureInfo.InvariantCulture, $"('ORD{number:D7}', 'item', 1, NULL, 'ada@example.com', '{statuses[number % statuses.Length]}', NULL, NULL, {number}, {number})")))));
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The store's two queries, as it sends them.</summary>
    [TestCase($"SELECT {Columns} FROM orders ORDER BY order_id DESC LIMIT 50", "PRIMARY", "index")]
    [TestCase($"SELECT {Columns} FROM orders FORCE INDEX (ix_orders_recent) WHERE status = 'Placed' ORDER BY order_id DESC LIMIT 50", "ix_orders_recent", "ref")]
    public async Task The_most_recent_orders_are_read_along_an_index_without_a_sort(string query, string index, string access)
    {
        var plan = await QueryPlan.ExplainAsync(_database!, query);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Key, Is.EqualTo(index));
            Assert.That(plan.Type, Is.EqualTo(access));
            Assert.That(plan.Sorts, Is.False, plan.Extra);
        });
    }
}
