using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Orders;
using Portable.Core.Idempotency;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Idempotency;

/// <summary>The contract on SQLite, a temporary file per test.</summary>
public sealed class SqliteExpiredKeySweepContractTests : ExpiredKeySweepContractTests
{
    private readonly SqliteFiles _files = new();
    private SqliteDatabase? _database;

    protected override Task<(IOrderStore Orders, IExpiredKeyStore Keys)> CreateEmptyAsync()
    {
        _database = _files.Database();
        return Task.FromResult<(IOrderStore, IExpiredKeyStore)>((new SqliteOrderStore(_database), new SqliteExpiredKeyStore(_database)));
    }

    protected override async Task<int> CountKeysAsync()
    {
        await using var connection = await _database!.OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM idempotency_keys;";
        return Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_batch_reads_the_expired_keys_along_the_expiry_index()
    {
        await CreateEmptyAsync();
        await using var connection = await _database!.OpenAsync(CancellationToken.None);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + SqliteExpiredKeyStore.DeleteBatch;
        explain.Parameters.AddWithValue("$now", "2026-11-24T14:00:00.0000000Z");
        explain.Parameters.AddWithValue("$limit", 1000);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.That(plan, Has.Some.Contains("SEARCH idempotency_keys USING COVERING INDEX ix_idempotency_keys_expires (expires_at<?)")
            .Or.Some.Contains("SEARCH idempotency_keys USING INDEX ix_idempotency_keys_expires (expires_at<?)"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN idempotency_keys").And.None.Contains("TEMP B-TREE"), string.Join("\n", plan));
    }

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();
}
