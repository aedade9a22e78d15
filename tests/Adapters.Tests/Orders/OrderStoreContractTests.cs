using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Orders;

/// <summary>What every <see cref="IOrderStore"/> promises, run against each implementation by a subclass that supplies an empty store.</summary>
public abstract class OrderStoreContractTests
{
    private static readonly DateTimeOffset Placed = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>A store with no orders (its sequence may have been used before).</summary>
    protected abstract Task<IOrderStore> CreateEmptyStoreAsync();

    [Test]
    public async Task Inserting_an_order_that_is_already_stored_changes_nothing()
    {
        var store = await CreateEmptyStoreAsync();
        var id = await store.NextIdAsync(CancellationToken.None);
        var order = Order.Place(id, NewOrder.Create("book", 12, "a novel"), "ada@example.com", Placed);
        await store.InsertAsync(order, CancellationToken.None);

        await store.InsertAsync(order, CancellationToken.None);
        await store.InsertAsync(Order.Place(id, NewOrder.Create("lamp", 99, null), "bob@example.com", Placed.AddMinutes(1)), CancellationToken.None);

        Assert.That(View(await store.GetAsync(id, CancellationToken.None)), Is.EqualTo(View(order)));
    }

    [Test]
    public async Task Sequence_numbers_are_unique_and_growing_under_concurrent_callers()
    {
        var store = await CreateEmptyStoreAsync();

        var perCaller = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var taken = new List<string>();
            for (var i = 0; i < 25; i++)
            {
                taken.Add((await store.NextIdAsync(CancellationToken.None)).Value);
            }

            return taken;
        })));

        Assert.Multiple(() =>
        {
            Assert.That(perCaller.SelectMany(ids => ids).ToList(), Has.Count.EqualTo(200).And.Unique);
            Assert.That(perCaller, Has.All.Ordered.Using<string>(StringComparer.Ordinal), "each caller's numbers grow");
        });
    }

    [Test]
    public async Task An_order_reads_back_as_it_was_last_written()
    {
        var store = await CreateEmptyStoreAsync();
        var order = Order.Place(await store.NextIdAsync(CancellationToken.None), NewOrder.Create("book", 12, null), "ada@example.com", Placed);
        await store.InsertAsync(order, CancellationToken.None);

        order.MarkPlaced("PAY-1", Placed.AddSeconds(1));
        await store.UpdateAsync(order, CancellationToken.None);
        var placed = View(await store.GetAsync(order.Id, CancellationToken.None));
        order.Cancel("changed my mind", Placed.AddSeconds(2).AddTicks(3));
        await store.UpdateAsync(order, CancellationToken.None);
        await store.UpdateAsync(order, CancellationToken.None);
        var cancelled = View(await store.GetAsync(order.Id, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(placed!.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(placed.PaymentId, Is.EqualTo("PAY-1"));
            Assert.That(cancelled, Is.EqualTo(View(order)), "an update that changes nothing is fine too");
        });
    }

    [Test]
    public async Task An_unknown_order_is_missing_and_cannot_be_updated()
    {
        var store = await CreateEmptyStoreAsync();
        var never = Order.Place(OrderId.FromSequence(OrderId.MaxSequence), NewOrder.Create("book", 1, null), "ada@example.com", Placed);

        Assert.Multiple(async () =>
        {
            Assert.That(await store.GetAsync(never.Id, CancellationToken.None), Is.Null);
            Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync(never, CancellationToken.None));
        });
    }

    private static OrderView? View(Order? order) => order is null
        ? null
        : new OrderView(order.Id.Value, order.Item, order.Amount, order.Description, order.OrderedBy, order.Status, order.PaymentId,
            order.StatusReason, order.CreatedAt, order.UpdatedAt);

    private sealed record OrderView(
        string Id, string Item, int Amount, string? Description, string OrderedBy, OrderStatus Status, string? PaymentId,
        string? StatusReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
