using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Orders;

/// <summary>Placing an order with an idempotency key, through Core's placement on the durable runtime and SQLite stores.</summary>
public sealed class OrderPlacementTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task A_retry_after_the_key_was_committed_and_the_process_died_before_starting_the_workflow_places_one_order(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings());
        var orders = new OrderScenario(run.Host);
        var placement = run.Host.Services.GetRequiredService<OrderPlacement>();
        var key = new IdempotencyKey("order:" + OrderScenario.Customer, "crash-" + Guid.NewGuid().ToString("N"), new string('c', 64));

        // The first attempt committed its key and number, then died before it started the workflow or answered.
        var now = DateTimeOffset.UtcNow;
        var first = await run.Host.Services.GetRequiredService<IOrderStore>().NextIdOnceAsync(key, now, now.AddHours(1), cancellationToken);
        var retried = await placement.PlaceAsync(NewOrder.Create("book", 12, null), OrderScenario.Customer, key, cancellationToken);
        var again = await placement.PlaceAsync(NewOrder.Create("book", 12, null), OrderScenario.Customer, key, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        var instance = await orders.CompletionAsync(retried.Value, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((retried, again), Is.EqualTo((first.Id, first.Id)), "every attempt answers the number the first took");
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Completed));
            Assert.That(OrderScenario.Count(instance, "ExecutionStarted"), Is.EqualTo(1), "started once");
            Assert.That(await orders.PaymentsAsync(retried.Value, cancellationToken), Has.Count.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_first_attempt_whose_workflow_a_concurrent_retry_started_first_answers_the_same_order(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings());
        var services = run.Host.Services;
        var orders = new OrderScenario(run.Host);
        var store = services.GetRequiredService<IOrderStore>();
        var key = new IdempotencyKey("order:" + OrderScenario.Customer, "race-" + Guid.NewGuid().ToString("N"), new string('d', 64));

        // The first attempt stored its key and number; a retry found the key and started the workflow before the first
        // attempt, still on its way, started it too.
        var now = DateTimeOffset.UtcNow;
        var taken = await store.NextIdOnceAsync(key, now, now.AddHours(1), cancellationToken);
        var retried = await services.GetRequiredService<OrderPlacement>().PlaceAsync(NewOrder.Create("lamp", 30, null), OrderScenario.Customer, key, cancellationToken);
        var firstAttempt = new OrderPlacement(
            new KeyAlreadyTaken(store, taken),
            services.GetRequiredService<Portable.Core.Workflows.IWorkflowClient>(),
            services.GetRequiredService<OrderOptions>(),
            services.GetRequiredService<IdempotencyOptions>(),
            TimeProvider.System,
            services.GetRequiredService<ILogger<OrderPlacement>>());
        var answered = await firstAttempt.PlaceAsync(NewOrder.Create("lamp", 30, null), OrderScenario.Customer, key, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        var instance = await orders.CompletionAsync(answered.Value, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((answered, retried), Is.EqualTo((taken.Id, taken.Id)), "both attempts answer the key's number");
            Assert.That(OrderScenario.Count(instance, "ExecutionStarted"), Is.EqualTo(1), "started once");
            Assert.That(await orders.PaymentsAsync(answered.Value, cancellationToken), Has.Count.EqualTo(1));
        });
    }

    /// <summary>The store as the first attempt saw it: its key was new, and it took this number.</summary>
    private sealed class KeyAlreadyTaken(IOrderStore inner, KeyedOrderId taken) : IOrderStore
    {
        public Task<KeyedOrderId> NextIdOnceAsync(IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken) =>
            Task.FromResult(taken with { Repeated = false });

        public Task<OrderId> NextIdAsync(CancellationToken cancellationToken) => inner.NextIdAsync(cancellationToken);

        public Task InsertAsync(Order order, CancellationToken cancellationToken) => inner.InsertAsync(order, cancellationToken);

        public Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task UpdateAsync(Order order, CancellationToken cancellationToken) => inner.UpdateAsync(order, cancellationToken);

        public Task<CancelRequest?> UpdateUnlessCancelRequestedAsync(Order order, CancellationToken cancellationToken) =>
            inner.UpdateUnlessCancelRequestedAsync(order, cancellationToken);

        public Task<Order?> RecordCancelRequestAsync(OrderId id, CancelRequest request, Func<Order?, bool> allow, CancellationToken cancellationToken) =>
            inner.RecordCancelRequestAsync(id, request, allow, cancellationToken);

        public Task<IReadOnlyList<Order>> RecentAsync(OrderStatus? status, int limit, CancellationToken cancellationToken) =>
            inner.RecentAsync(status, limit, cancellationToken);
    }
}
