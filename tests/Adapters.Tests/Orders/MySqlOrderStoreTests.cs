using System.Globalization;
using System.Text;
using MySqlConnector;
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
        await using var connection = await _database.OpenAsync();
        for (var batch = 0; batch < 10; batch++)
        {
            var sql = new StringBuilder("INSERT INTO orders (" + Columns + ") VALUES ");
            for (var i = 0; i < 500; i++)
            {
                var number = (batch * 500) + i + 1;
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}('ORD{number:D7}', 'item', 1, NULL, 'ada@example.com', '{statuses[number % statuses.Length]}', NULL, NULL, {number}, {number})");
            }

            await using var insert = new MySqlCommand(sql.ToString(), connection);
            await insert.ExecuteNonQueryAsync();
        }

        await using var analyze = new MySqlCommand("ANALYZE TABLE orders", connection);
        await analyze.ExecuteNonQueryAsync();
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
        await using var connection = await _database!.OpenAsync();
        await using var command = new MySqlCommand("EXPLAIN " + query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(reader["key"], Is.EqualTo(index));
            Assert.That(reader["type"], Is.EqualTo(access));
            Assert.That(reader["Extra"] as string ?? "", Does.Not.Contain("filesort"));
        });
    }
}
