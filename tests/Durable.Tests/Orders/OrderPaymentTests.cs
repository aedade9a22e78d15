using Portable.Core.Orders;
using Portable.Core.Validation;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Orders;

/// <summary>
/// Every payment branch of the order workflow, in process on the durable runtime with the real activities, gateway and
/// SQLite stores: what the order ends as, what the workflow shows, and what was charged.
/// </summary>
public sealed class OrderPaymentTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task A_payment_captured_at_once_is_dispatched_delivered_after_its_timer_and_completed(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings());
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(12, cancellationToken);
        var dispatched = await orders.DispatchAsync(cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var row = await orders.RowAsync(id, cancellationToken);
        var payments = await orders.PaymentsAsync(id, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(dispatched.OrderId, Is.EqualTo(id));
            Assert.That(orders.Outcome(instance), Is.EqualTo(new OrderOutcome(id, OrderStatus.Completed, null)));
            Assert.That(orders.CustomStatus(instance), Is.EqualTo(OrderStatus.Completed));
            Assert.That(OrderScenario.Count(instance, "TimerFired"), Is.EqualTo(1), "the delivery timer");
            Assert.That((row!.Status, row.PaymentId, row.OrderedBy), Is.EqualTo((OrderStatus.Completed, payments.Single().PaymentId, OrderScenario.Customer)));
            Assert.That(payments.Select(payment => (payment.ChargeId, payment.Amount, payment.Refunded)), Is.EqualTo(new[] { ($"{id}:charge", 12, false) }));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_payment_that_fails_transiently_is_retried_on_durable_timers_and_captured_once(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(new Dictionary<string, string?>(OrderScenario.Settings()) { ["Orders:Payment:TransientFailures"] = "2" });
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(30, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var payments = await orders.PaymentsAsync(id, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Completed));
            Assert.That(OrderScenario.Count(instance, "TaskScheduled", ChargePaymentActivity.Name), Is.EqualTo(3));
            Assert.That(instance.History!.Where(e => e.EventType == "TaskFailed").Select(e => e.FailureDetails!.ErrorType),
                Is.EqualTo(Enumerable.Repeat(typeof(PaymentUnavailableException).FullName, 2)));
            Assert.That(OrderScenario.Count(instance, "TimerFired"), Is.EqualTo(3), "two retry waits and the delivery");
            Assert.That(payments.Select(payment => payment.Refunded), Is.EqualTo(new[] { false }), "captured once");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_store_unavailable_for_a_while_is_waited_out_and_the_order_completes_charged_once(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings(), services =>
        {
            Outage<IPaymentLedger>.Inject(services, nameof(IPaymentLedger.CaptureAsync), failures: 2);
            Outage<IOrderStore>.Inject(services, nameof(IOrderStore.UpdateUnlessCancelRequestedAsync), failures: 2);
        });
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(12, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var payments = await orders.PaymentsAsync(id, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Completed), "an outage is not the order's failure");
            Assert.That(instance.History!.Where(e => e.EventType == "TaskFailed").Select(e => e.FailureDetails!.ErrorType),
                Is.EqualTo(Enumerable.Repeat(typeof(UnavailableException).FullName, 4)), "two refused captures, two refused status changes");
            Assert.That(payments.Select(payment => payment.Refunded), Is.EqualTo(new[] { false }), "captured once");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_declined_payment_fails_the_order_without_a_retry_a_capture_or_a_dispatch(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings());
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(5000, cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var outcome = orders.Outcome(instance);
        var row = await orders.RowAsync(id, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Failed));
            Assert.That(outcome.Reason, Does.Contain("above the payment limit of 1000"));
            Assert.That(orders.CustomStatus(instance), Is.EqualTo(OrderStatus.Failed));
            Assert.That(OrderScenario.Count(instance, "TaskScheduled", ChargePaymentActivity.Name), Is.EqualTo(1));
            Assert.That((row!.Status, row.StatusReason), Is.EqualTo((OrderStatus.Failed, outcome.Reason)));
            Assert.That(await orders.PaymentsAsync(id, cancellationToken), Is.Empty);
            Assert.That(await orders.WaitingDispatchesAsync(cancellationToken), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_payment_gateway_unavailable_for_every_attempt_fails_the_order_after_the_last(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(new Dictionary<string, string?>(OrderScenario.Settings()) { ["Orders:Payment:TransientFailures"] = "100" });
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(12, cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var outcome = orders.Outcome(instance);
        Assert.Multiple(async () =>
        {
            Assert.That(instance.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed), "a failed order is the workflow's answer, not its failure");
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Failed));
            Assert.That(outcome.Reason, Does.StartWith("The payment could not be processed").And.Contain("attempt 4"));
            Assert.That(orders.CustomStatus(instance), Is.EqualTo(OrderStatus.Failed));
            Assert.That(OrderScenario.Count(instance, "TaskFailed"), Is.EqualTo(4), "Orders:Payment:MaxAttempts");
            Assert.That((await orders.RowAsync(id, cancellationToken))!.Status, Is.EqualTo(OrderStatus.Failed));
            Assert.That(await orders.PaymentsAsync(id, cancellationToken), Is.Empty);
        });
    }
}
