using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portable.Core.Idempotency;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Idempotency;

/// <summary>
/// What the idempotency key sweep does on every store, run against each by a subclass: Core's <see cref="IdempotencyKeySweep"/>
/// over the store's <see cref="IExpiredKeyStore"/>, on keys stored as a request stores them (an order's number taken once).
/// </summary>
public abstract class ExpiredKeySweepContractTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>An order store and the key store of the same database, holding no idempotency key.</summary>
    protected abstract Task<(IOrderStore Orders, IExpiredKeyStore Keys)> CreateEmptyAsync();

    /// <summary>The idempotency keys stored, expired or not.</summary>
    protected abstract Task<int> CountKeysAsync();

    [Test]
    public async Task Expired_keys_are_removed_and_live_ones_kept()
    {
        var (orders, keys) = await CreateEmptyAsync();
        await StoreAsync(orders, "long-expired", Now.AddDays(-3));
        await StoreAsync(orders, "expired-now", Now);
        var live = await StoreAsync(orders, "live-a-tick", Now.AddTicks(1));
        await StoreAsync(orders, "live-an-hour", Now.AddHours(1));

        var removed = await Sweep(keys).RunAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(await CountKeysAsync(), Is.EqualTo(2));
            Assert.That(
                await orders.NextIdOnceAsync(Key("live-a-tick"), Now, Now.AddDays(1), CancellationToken.None),
                Is.EqualTo(new KeyedOrderId(live, Repeated: true)),
                "a live key still gives its first answer");
        });
    }

    [Test]
    public async Task More_expired_keys_than_one_batch_are_all_removed_in_one_run_a_batch_at_a_time()
    {
        var (orders, keys) = await CreateEmptyAsync();
        await StoreExpiredAndOneLiveAsync(orders, expired: 10);
        var batches = new BatchRecorder(keys);

        var removed = await Sweep(batches, batchSize: 3).RunAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.EqualTo(10));
            Assert.That(batches.Deleted, Is.EqualTo(new[] { 3, 3, 3, 1 }));
            Assert.That(await CountKeysAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_run_stops_at_its_bound_and_the_next_run_removes_the_rest()
    {
        var (orders, keys) = await CreateEmptyAsync();
        await StoreExpiredAndOneLiveAsync(orders, expired: 7);
        var sweep = Sweep(keys, batchSize: 2, maxBatches: 2);

        var first = await sweep.RunAsync(CancellationToken.None);
        var left = await CountKeysAsync();
        var second = await sweep.RunAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((first, left), Is.EqualTo((4, 4)), "two batches of two, then the bound");
            Assert.That(second, Is.EqualTo(3));
            Assert.That(await CountKeysAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_run_cancelled_between_batches_keeps_what_it_removed_and_stops()
    {
        var (orders, keys) = await CreateEmptyAsync();
        await StoreExpiredAndOneLiveAsync(orders, expired: 5);

        using var cancellation = new CancellationTokenSource();
        var batches = new BatchRecorder(keys, afterBatch: cancellation.Cancel);

        var removed = await Sweep(batches, batchSize: 2).RunAsync(cancellation.Token);

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.EqualTo(2));
            Assert.That(batches.Deleted, Is.EqualTo(new[] { 2 }));
            Assert.That(await CountKeysAsync(), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task A_swept_key_used_again_is_treated_as_new()
    {
        var (orders, keys) = await CreateEmptyAsync();
        var first = await StoreAsync(orders, "reused", Now.AddHours(-1));

        await Sweep(keys).RunAsync(CancellationToken.None);
        var swept = await CountKeysAsync();
        var again = await orders.NextIdOnceAsync(Key("reused") with { Fingerprint = new string('b', 64) }, Now, Now.AddDays(1), CancellationToken.None);
        var repeat = await orders.NextIdOnceAsync(Key("reused") with { Fingerprint = new string('b', 64) }, Now.AddMinutes(1), Now.AddDays(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(swept, Is.Zero);
            Assert.That(again.Repeated, Is.False, "another request under the swept key is new, not a 422");
            Assert.That(again.Id, Is.Not.EqualTo(first));
            Assert.That(repeat, Is.EqualTo(new KeyedOrderId(again.Id, Repeated: true)), "and is kept again from its new first use");
        });
    }

    private static IdempotencyKey Key(string name) => new("order:ada@example.com", name, new string('a', 64));

    /// <summary>Takes an order number under the key, first used a day before it is kept until.</summary>
    private static async Task<OrderId> StoreAsync(IOrderStore orders, string name, DateTimeOffset keepUntil) =>
        (await orders.NextIdOnceAsync(Key(name), keepUntil.AddDays(-1), keepUntil, CancellationToken.None)).Id;

    /// <summary>Keys expired a minute apart, the last at <see cref="Now"/>, and one kept an hour longer.</summary>
    private static async Task StoreExpiredAndOneLiveAsync(IOrderStore orders, int expired)
    {
        for (var i = 0; i < expired; i++)
        {
            await StoreAsync(orders, $"expired-{i}", Now.AddMinutes(-i));
        }

        await StoreAsync(orders, "live", Now.AddHours(1));
    }

    private static IdempotencyKeySweep Sweep(IExpiredKeyStore keys, int batchSize = 1000, int maxBatches = 100) =>
        new(keys, new IdempotencyOptions { SweepBatchSize = batchSize, SweepMaxBatches = maxBatches }, new FakeTimeProvider(Now), NullLogger<IdempotencyKeySweep>.Instance);

    /// <summary>The store itself, recording what each batch deleted.</summary>
    private sealed class BatchRecorder(IExpiredKeyStore store, Action? afterBatch = null) : IExpiredKeyStore
    {
        public List<int> Deleted { get; } = [];

        public async Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
        {
            var deleted = await store.DeleteExpiredAsync(now, limit, cancellationToken);
            Deleted.Add(deleted);
            afterBatch?.Invoke();
            return deleted;
        }
    }
}
