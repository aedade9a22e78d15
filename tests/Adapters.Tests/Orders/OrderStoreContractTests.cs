using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Adapters.Tests.Orders;

/// <summary>What every <see cref="IOrderStore"/> promises, run against each implementation by a subclass that supplies an empty store.</summary>
public abstract class OrderStoreContractTests
{
    private static readonly DateTimeOffset Placed = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    /// <summary>A store with no orders (its sequence may have been used before).</summary>
    protected abstract Task<IOrderStore> CreateEmptyStoreAsync();

    [Test]
    public async Task Inserting_under_an_id_that_is_already_stored_is_a_conflict_that_changes_nothing()
    {
        var store = await CreateEmptyStoreAsync();
        var id = await store.NextIdAsync(CancellationToken.None);
        var order = Order.Place(id, NewOrder.Create("book", 12, "a novel"), "ada@example.com", Placed);
        await store.InsertAsync(order, CancellationToken.None);

        Assert.That(() => store.InsertAsync(order, CancellationToken.None), Throws.TypeOf<ConflictException>());
        Assert.That(
            () => store.InsertAsync(Order.Place(id, NewOrder.Create("lamp", 99, null), "bob@example.com", Placed.AddMinutes(1)), CancellationToken.None),
            Throws.TypeOf<ConflictException>());

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

    [Test]
    public async Task Recent_orders_come_newest_first_up_to_the_limit()
    {
        var store = await CreateEmptyStoreAsync();
        var placed = await PlaceAsync(store, 5);

        var three = await store.RecentAsync(null, 3, CancellationToken.None);
        var all = await store.RecentAsync(null, 100, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(three.Select(order => order.Id), Is.EqualTo(placed.AsEnumerable().Reverse().Take(3).Select(order => order.Id)));
            Assert.That(all.Select(View), Is.EqualTo(placed.AsEnumerable().Reverse().Select(View)), "every field reads back");
        });
    }

    [Test]
    public async Task Recent_orders_of_one_status_are_only_those_newest_first()
    {
        var store = await CreateEmptyStoreAsync();
        var placed = await PlaceAsync(store, 6);
        foreach (var order in placed.Where((_, index) => index % 2 == 0))
        {
            order.MarkPlaced("PAY-" + order.Id, Placed.AddMinutes(1));
            await store.UpdateAsync(order, CancellationToken.None);
        }

        var placedOnes = await store.RecentAsync(OrderStatus.Placed, 2, CancellationToken.None);
        var processing = await store.RecentAsync(OrderStatus.Processing, 100, CancellationToken.None);
        var none = await store.RecentAsync(OrderStatus.Cancelled, 100, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(placedOnes.Select(order => order.Id), Is.EqualTo(new[] { placed[4].Id, placed[2].Id }));
            Assert.That(placedOnes.Select(order => order.Status), Is.All.EqualTo(OrderStatus.Placed));
            Assert.That(processing.Select(order => order.Id), Is.EqualTo(new[] { placed[5].Id, placed[3].Id, placed[1].Id }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public async Task A_recorded_cancel_request_refuses_every_later_status_write_and_is_kept_once()
    {
        var store = await CreateEmptyStoreAsync();
        var order = (await PlaceAsync(store, 1))[0];
        var first = new CancelRequest("ops@example.com", Placed.AddSeconds(5));

        var shown = await store.RecordCancelRequestAsync(order.Id, first, row => row is null || row.CanCancel, CancellationToken.None);
        await store.RecordCancelRequestAsync(order.Id, new CancelRequest("bob@example.com", Placed.AddSeconds(6)), row => row is null || row.CanCancel, CancellationToken.None);
        order.MarkPlaced("PAY-1", Placed.AddSeconds(7));
        var refused = await store.UpdateUnlessCancelRequestedAsync(order, CancellationToken.None);
        var row = await store.GetAsync(order.Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(shown!.Status, Is.EqualTo(OrderStatus.Processing));
            Assert.That(refused, Is.EqualTo(first), "the first request is the one kept");
            Assert.That(row!.Status, Is.EqualTo(OrderStatus.Processing), "nothing was written");
        });
    }

    [Test]
    public async Task A_cancel_request_refused_by_the_row_records_nothing_and_one_before_the_row_is_written_holds()
    {
        var store = await CreateEmptyStoreAsync();
        var completed = (await PlaceAsync(store, 1))[0];
        completed.MarkPlaced("PAY-1", Placed.AddSeconds(1));
        completed.MarkInTransit(Placed.AddSeconds(2));
        completed.MarkCompleted(Placed.AddSeconds(3));
        await store.UpdateAsync(completed, CancellationToken.None);
        var unwritten = Order.Place(await store.NextIdAsync(CancellationToken.None), NewOrder.Create("lamp", 3, null), "ada@example.com", Placed);
        var request = new CancelRequest("ops@example.com", Placed.AddSeconds(4));

        var shown = await store.RecordCancelRequestAsync(completed.Id, request, row => row is null || row.CanCancel, CancellationToken.None);
        var before = await store.RecordCancelRequestAsync(unwritten.Id, request, row => row is null || row.CanCancel, CancellationToken.None);
        await store.InsertAsync(unwritten, CancellationToken.None);
        unwritten.MarkFailed("declined", Placed.AddSeconds(5));

        Assert.Multiple(async () =>
        {
            Assert.That(shown!.Status, Is.EqualTo(OrderStatus.Completed));
            Assert.That(await store.UpdateUnlessCancelRequestedAsync(completed, CancellationToken.None), Is.Null, "no request was recorded");
            Assert.That(before, Is.Null, "the row was not written yet");
            Assert.That(await store.UpdateUnlessCancelRequestedAsync(unwritten, CancellationToken.None), Is.EqualTo(request));
        });
    }

    [Test]
    public async Task A_cancel_request_racing_a_completion_either_wins_or_is_refused_never_both()
    {
        var store = await CreateEmptyStoreAsync();
        var orders = await PlaceAsync(store, 40);
        foreach (var order in orders)
        {
            order.MarkPlaced("PAY-" + order.Id, Placed.AddSeconds(1));
            order.MarkInTransit(Placed.AddSeconds(2));
            await store.UpdateAsync(order, CancellationToken.None);
        }

        var outcomes = await Task.WhenAll(orders.Select(async order =>
        {
            var request = new CancelRequest("ops@example.com", Placed.AddSeconds(3));
            var cancel = Task.Run(() => store.RecordCancelRequestAsync(order.Id, request, row => row is null || row.CanCancel, CancellationToken.None));
            order.MarkCompleted(Placed.AddSeconds(3));
            var complete = Task.Run(() => store.UpdateUnlessCancelRequestedAsync(order, CancellationToken.None));
            var shown = await cancel;
            var refusedBy = await complete;
            var row = await store.GetAsync(order.Id, CancellationToken.None);
            var accepted = shown!.CanCancel;
            return (accepted, completed: refusedBy is null, row!.Status);
        }));

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.accepted != o.completed), Is.All.True, "exactly one of the two won each race");
            Assert.That(outcomes.Where(o => o.completed).Select(o => o.Status), Is.All.EqualTo(OrderStatus.Completed));
            Assert.That(outcomes.Where(o => o.accepted).Select(o => o.Status), Is.All.EqualTo(OrderStatus.InTransit), "left for the workflow to cancel");
        });
    }

    [Test]
    public async Task A_number_taken_for_an_idempotency_key_is_the_same_for_every_repeat_and_refused_to_another_request()
    {
        var store = await CreateEmptyStoreAsync();
        var key = new IdempotencyKey("order:ada@example.com", "k-" + Guid.NewGuid().ToString("N"), new string('a', 64));
        var until = Placed.AddDays(1);

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.NextIdOnceAsync(key, Placed, until, CancellationToken.None))));
        var again = await store.NextIdOnceAsync(key, Placed.AddHours(1), until, CancellationToken.None);
        var other = await store.NextIdOnceAsync(key with { Key = key.Key + "-2" }, Placed, until, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(racing.Select(taken => taken.Id).Distinct().Count(), Is.EqualTo(1), "one number for the key");
            Assert.That(racing.Count(taken => !taken.Repeated), Is.EqualTo(1), "taken once");
            Assert.That(again, Is.EqualTo(new KeyedOrderId(racing[0].Id, Repeated: true)));
            Assert.That(other.Id, Is.Not.EqualTo(racing[0].Id));
            Assert.That(
                () => store.NextIdOnceAsync(key with { Fingerprint = new string('b', 64) }, Placed, until, CancellationToken.None),
                Throws.TypeOf<IdempotencyMismatchException>());
        });
    }

    [Test]
    public async Task An_idempotency_key_past_its_time_is_forgotten()
    {
        var store = await CreateEmptyStoreAsync();
        var key = new IdempotencyKey("order:ada@example.com", "k-" + Guid.NewGuid().ToString("N"), new string('a', 64));

        var first = await store.NextIdOnceAsync(key, Placed, Placed.AddMinutes(1), CancellationToken.None);
        var later = await store.NextIdOnceAsync(key with { Fingerprint = new string('b', 64) }, Placed.AddMinutes(2), Placed.AddMinutes(3), CancellationToken.None);

        Assert.That((later.Repeated, later.Id == first.Id), Is.EqualTo((false, false)));
    }

    /// <summary>Places <paramref name="count"/> orders, in the order of their numbers.</summary>
    private static async Task<List<Order>> PlaceAsync(IOrderStore store, int count)
    {
        var orders = new List<Order>();
        for (var i = 0; i < count; i++)
        {
            var order = Order.Place(await store.NextIdAsync(CancellationToken.None), NewOrder.Create($"item {i}", i + 1, i % 2 == 0 ? null : "gift"), "ada@example.com", Placed.AddSeconds(i));
            await store.InsertAsync(order, CancellationToken.None);
            orders.Add(order);
        }

        return orders;
    }

    private static OrderView? View(Order? order) => order is null
        ? null
        : new OrderView(order.Id.Value, order.Item, order.Amount, order.Description, order.OrderedBy, order.Status, order.PaymentId,
            order.StatusReason, order.CreatedAt, order.UpdatedAt);

    private sealed record OrderView(
        string Id, string Item, int Amount, string? Description, string OrderedBy, OrderStatus Status, string? PaymentId,
        string? StatusReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
