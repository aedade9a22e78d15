using Microsoft.Extensions.DependencyInjection;
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
}
