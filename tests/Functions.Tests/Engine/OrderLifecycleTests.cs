using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Portable.Core.Orders;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Every payment branch of seed 002's order workflow on Microsoft's Durable Task engine, with the real adapter, activities,
/// gateway and SQLite stores: what the order ends as, the custom status the Functions status API shows, what was charged,
/// and what the engine did. The same scenarios as <c>tests/Durable.Tests/Orders/OrderPaymentTests</c>.
/// </summary>
public sealed class OrderLifecycleTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_payment_captured_at_once_is_dispatched_delivered_after_its_timer_and_completed(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        var id = await orders.PlaceAsync(12, cancellationToken);
        var dispatched = await orders.DispatchAsync(cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        var row = await orders.RowAsync(id, cancellationToken);
        var payments = await orders.PaymentsAsync(id, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(dispatched.OrderId, Is.EqualTo(id));
            Assert.That(instance.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Completed));
            Assert.That(orders.Outcome(instance), Is.EqualTo(new OrderOutcome(id, OrderStatus.Completed, null)));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"COMPLETED\""), "as the Functions status API shows it");
            Assert.That(host.History.Actions(id, "CreateTimer"), Is.EqualTo(1), "the delivery timer");
            Assert.That(host.History.ActivityRuns(id, ChargePaymentActivity.Name), Is.EqualTo(1));
            Assert.That((row!.Status, row.PaymentId, row.OrderedBy), Is.EqualTo((OrderStatus.Completed, payments.Single().PaymentId, EngineOrders.Customer)));
            Assert.That(payments.Select(payment => (payment.ChargeId, payment.Amount, payment.Refunded)), Is.EqualTo(new[] { ($"{id}:charge", 12, false) }));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_payment_that_fails_transiently_is_retried_on_durable_timers_and_captured_once(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(transientFailures: 2), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        var id = await orders.PlaceAsync(30, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        var payments = await orders.PaymentsAsync(id, cancellationToken);
        var failures = host.Logs.Entries.Where(entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith($"Activity {ChargePaymentActivity.Name} of instance {id}", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Completed));
            Assert.That(host.History.ActivityRuns(id, ChargePaymentActivity.Name), Is.EqualTo(3));
            Assert.That(failures.Select(entry => entry.Exception?.GetType()), Is.EqualTo(Enumerable.Repeat(typeof(PaymentUnavailableException), 2)));
            Assert.That(failures.Select(entry => entry.Values["Attempt"]), Is.EqualTo(new object[] { 1, 2 }), "each attempt numbered for the activity");
            Assert.That(host.History.Actions(id, "CreateTimer"), Is.EqualTo(3), "two retry waits and the delivery");
            Assert.That(payments.Select(payment => payment.Refunded), Is.EqualTo(new[] { false }), "captured once");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_declined_payment_fails_the_order_without_a_retry_a_capture_or_a_dispatch(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        var id = await orders.PlaceAsync(5000, cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        var outcome = orders.Outcome(instance);
        var row = await orders.RowAsync(id, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Failed));
            Assert.That(outcome.Reason, Does.Contain("above the payment limit of 1000"));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"FAILED\""));
            Assert.That(host.History.ActivityRuns(id, ChargePaymentActivity.Name), Is.EqualTo(1));
            Assert.That(host.History.Actions(id, "CreateTimer"), Is.Zero);
            Assert.That((row!.Status, row.StatusReason), Is.EqualTo((OrderStatus.Failed, outcome.Reason)));
            Assert.That(await orders.PaymentsAsync(id, cancellationToken), Is.Empty);
            Assert.That(await orders.WaitingDispatchesAsync(cancellationToken), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_payment_gateway_unavailable_for_every_attempt_fails_the_order_after_the_last(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineOrders.Settings(transientFailures: 100), cancellationToken: cancellationToken);
        var orders = new EngineOrders(host);

        var id = await orders.PlaceAsync(12, cancellationToken);
        var instance = await host.CompletionAsync(id, cancellationToken);

        var outcome = orders.Outcome(instance);
        Assert.Multiple(async () =>
        {
            Assert.That(instance.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Completed), "a failed order is the workflow's answer, not its failure");
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Failed));
            Assert.That(outcome.Reason, Does.StartWith("The payment could not be processed").And.Contain("attempt 4"));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"FAILED\""));
            Assert.That(host.History.ActivityRuns(id, ChargePaymentActivity.Name), Is.EqualTo(4), "Orders:Payment:MaxAttempts");
            Assert.That(host.History.Actions(id, "CreateTimer"), Is.EqualTo(3), "a backoff wait between attempts");
            Assert.That((await orders.RowAsync(id, cancellationToken))!.Status, Is.EqualTo(OrderStatus.Failed));
            Assert.That(await orders.PaymentsAsync(id, cancellationToken), Is.Empty);
        });
    }
}
