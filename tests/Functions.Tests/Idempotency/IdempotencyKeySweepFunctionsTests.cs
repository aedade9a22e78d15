using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Sqlite;
using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Functions.Idempotency;
using Portable.Functions.Tests.Doubles;

namespace Portable.Functions.Tests.Idempotency;

/// <summary>The hourly timer function over the app's own composition, on its SQLite stores.</summary>
public sealed class IdempotencyKeySweepFunctionsTests
{
    [Test]
    public async Task The_hourly_timer_deletes_the_expired_idempotency_keys_and_keeps_the_live_ones()
    {
        using var host = new TestHost();
        var orders = host.Services.GetRequiredService<IOrderStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (key, keepUntil) in new[] { ("old", now.AddHours(-1)), ("older", now.AddDays(-2)), ("live", now.AddDays(1)) })
        {
            await orders.NextIdOnceAsync(new IdempotencyKey("order:dev@example.com", key, new string('a', 64)), keepUntil.AddDays(-1), keepUntil, CancellationToken.None);
        }

        var functions = new IdempotencyKeySweepFunctions(host.Services.GetRequiredService<IdempotencyKeySweep>());
        await functions.SweepAsync(new TimerInfo(), new FakeFunctionContext(host.Services));

        Assert.That(await KeysAsync(host), Is.EqualTo(new[] { "live" }));
    }

    private static async Task<List<string>> KeysAsync(TestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT idem_key FROM idempotency_keys;";
        var keys = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
