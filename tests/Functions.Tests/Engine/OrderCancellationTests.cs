using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Cancelling an order at each of its waits on Microsoft's Durable Task engine, with the real adapter, activities, gateway
/// and SQLite stores. The same scenarios as <c>tests/Durable.Tests/Orders/OrderCancellationTests</c>.
/// </summary>
public sealed class OrderCancellationTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task An_order_cancelled_as_soon_as_it_is_placed_is_refunded_once_captured_and_never_dispatched(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        // The cancel is raised at once: the workflow waits for it from its start, and keeps it until the payment is known.
        var id = await orders.PlaceAsync(25, cancellationToken);
        var accepted = await orders.CancelAsync(id, cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        var outcome = orders.Outcome(instance);
        Assert.Multiple(async () =>
        {
            Assert.That(accepted.OrderId, Is.EqualTo(id));
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(outcome.Reason, Does.Contain(EngineOrders.Operator).And.Contain("refunded"));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"CANCELLED\""));
            Assert.That((await orders.RowAsync(id, cancellationToken))!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That((await orders.PaymentsAsync(id, cancellationToken)).Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
            Assert.That(host.History.ActivityRuns(id, RefundPaymentActivity.Name), Is.EqualTo(1));
            Assert.That(await orders.WaitingDispatchesAsync(cancellationToken), Is.Zero, "never queued for dispatch");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_order_cancelled_while_placed_is_refunded_and_never_dispatched(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        var id = await orders.PlaceAsync(40, cancellationToken);
        await orders.WaitForCustomStatusAsync(id, OrderStatus.Placed, cancellationToken);
        await orders.CancelAsync(id, cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        var row = await orders.RowAsync(id, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"CANCELLED\""));
            Assert.That((row!.Status, row.StatusReason), Is.EqualTo((OrderStatus.Cancelled, $"Cancelled by {EngineOrders.Operator}; payment {row.PaymentId} refunded.")));
            Assert.That((await orders.PaymentsAsync(id, cancellationToken)).Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
            Assert.That(host.History.Actions(id, "CreateTimer"), Is.Zero, "never in transit");
            Assert.That(() => orders.CancelAsync(id, cancellationToken), Throws.TypeOf<ConflictException>().With.Message.Contains("already cancelled"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_order_cancelled_in_transit_is_refunded_and_its_delivery_abandoned(CancellationToken cancellationToken)
    {
        // An hour in transit: the instance can only end within the test by the cancel.
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(deliveryDelay: "01:00:00"), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        var id = await orders.PlaceAsync(40, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        await orders.WaitForCustomStatusAsync(id, OrderStatus.InTransit, cancellationToken);
        await orders.CancelAsync(id, cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"CANCELLED\""));
            Assert.That((await orders.RowAsync(id, cancellationToken))!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That((await orders.PaymentsAsync(id, cancellationToken)).Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
            Assert.That(host.History.Actions(id, "CreateTimer"), Is.EqualTo(1), "the delivery timer was set");
        });
    }
}
