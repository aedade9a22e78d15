using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Orders;
using Portable.Core.Validation;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Orders;

/// <summary>
/// Cancelling an order at each of its waits, in process on the durable runtime with the real activities, gateway and
/// SQLite stores; and an order whose workflow has not written its row yet, which is read and cancelled all the same.
/// </summary>
public sealed class OrderCancellationTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task An_order_not_recorded_yet_reads_as_processing_from_its_workflow_input_and_can_be_cancelled(CancellationToken cancellationToken)
    {
        using var database = new SqliteTestDatabase();
        using var app = new CoreApplication(OrderScenario.Settings());
        string id;
        await using (var idle = await app.StartHostAsync(database, startWorker: false))
        {
            var waiting = new OrderScenario(idle);
            id = await waiting.PlaceAsync(25, cancellationToken);
            var pending = await waiting.FindAsync(id, cancellationToken);
            var row = await waiting.RowAsync(id, cancellationToken);
            var accepted = await waiting.CancelAsync(id, cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(row, Is.Null, "only the workflow writes the row");
                Assert.That((pending.Status, pending.Item, pending.Amount, pending.OrderedBy), Is.EqualTo((OrderStatus.Processing, "book", 25, OrderScenario.Customer)));
                Assert.That(accepted.OrderId, Is.EqualTo(id));
            });
        }

        // Another process takes the work up: the cancel was raised before the payment ran, so it is refunded once captured.
        await using var host = await app.StartHostAsync(database);
        var orders = new OrderScenario(host);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var outcome = orders.Outcome(instance);
        var payments = await orders.PaymentsAsync(id, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(outcome.Reason, Does.Contain(OrderScenario.Operator).And.Contain("refunded"));
            Assert.That(orders.CustomStatus(instance), Is.EqualTo(OrderStatus.Cancelled));
            Assert.That((await orders.RowAsync(id, cancellationToken))!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(payments.Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
            Assert.That(await orders.WaitingDispatchesAsync(cancellationToken), Is.Zero, "never queued for dispatch");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_order_cancelled_while_placed_is_refunded_and_never_dispatched(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings());
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(40, cancellationToken);
        await orders.WaitForCustomStatusAsync(id, OrderStatus.Placed, cancellationToken);
        await orders.CancelAsync(id, cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        var row = await orders.RowAsync(id, cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(orders.CustomStatus(instance), Is.EqualTo(OrderStatus.Cancelled));
            Assert.That((row!.Status, row.StatusReason), Is.EqualTo((OrderStatus.Cancelled, $"Cancelled by {OrderScenario.Operator}; payment {row.PaymentId} refunded.")));
            Assert.That((await orders.PaymentsAsync(id, cancellationToken)).Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
            Assert.That(OrderScenario.Count(instance, "EventRaised", OrderEvents.Dispatched), Is.Zero);
            Assert.That(() => orders.CancelAsync(id, cancellationToken), Throws.TypeOf<ConflictException>().With.Message.Contains("already cancelled"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_order_cancelled_in_transit_is_refunded_and_its_delivery_abandoned(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings(deliveryDelay: "01:00:00"));
        var orders = new OrderScenario(run.Host);

        var id = await orders.PlaceAsync(40, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        await orders.WaitForCustomStatusAsync(id, OrderStatus.InTransit, cancellationToken);
        await orders.CancelAsync(id, cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(orders.CustomStatus(instance), Is.EqualTo(OrderStatus.Cancelled));
            Assert.That((await orders.RowAsync(id, cancellationToken))!.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That((await orders.PaymentsAsync(id, cancellationToken)).Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
            Assert.That(OrderScenario.Count(instance, "TimerCreated"), Is.EqualTo(1), "the delivery timer was set");
            Assert.That(OrderScenario.Count(instance, "TimerFired"), Is.Zero, "and never waited out");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_cancel_accepted_while_the_payment_is_taken_wins_over_a_decline_and_nothing_is_charged(CancellationToken cancellationToken)
    {
        using var database = new SqliteTestDatabase();
        using var app = new CoreApplication(OrderScenario.Settings());
        string id;
        await using (var idle = await app.StartHostAsync(database, startWorker: false))
        {
            var waiting = new OrderScenario(idle);
            id = await waiting.PlaceAsync(5000, cancellationToken);
            await waiting.CancelAsync(id, cancellationToken);
        }

        await using var host = await app.StartHostAsync(database);
        var orders = new OrderScenario(host);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Cancelled), "a 202 ends CANCELLED even when the payment is declined");
            Assert.That((await orders.RowAsync(id, cancellationToken))!.StatusReason, Is.EqualTo($"Cancelled by {OrderScenario.Operator}; no payment was taken."));
            Assert.That(await orders.PaymentsAsync(id, cancellationToken), Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_cancel_recorded_while_its_event_is_not_yet_applied_still_stops_the_completion(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings(deliveryDelay: "00:00:02"));
        var orders = new OrderScenario(run.Host);
        var id = await orders.PlaceAsync(40, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        await orders.WaitForCustomStatusAsync(id, OrderStatus.InTransit, cancellationToken);

        // The request is recorded as the API records it, but no event is raised: the delivery timer fires first.
        var row = await run.Host.Services.GetRequiredService<IOrderStore>().RecordCancelRequestAsync(
            OrderId.ParseOrNotFound(id), new CancelRequest(OrderScenario.Operator, DateTimeOffset.UtcNow), current => current is null || current.CanCancel, cancellationToken);
        var instance = await orders.CompletionAsync(id, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(row!.Status, Is.EqualTo(OrderStatus.InTransit));
            Assert.That(OrderScenario.Count(instance, "TimerFired"), Is.EqualTo(1), "the timer won the race to the workflow");
            Assert.That(orders.Outcome(instance).Status, Is.EqualTo(OrderStatus.Cancelled), "but not the race to the order");
            Assert.That((await orders.PaymentsAsync(id, cancellationToken)).Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_order_whose_workflow_an_operator_terminated_refuses_a_cancel_naming_why(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(OrderScenario.Settings(deliveryDelay: "01:00:00"));
        var orders = new OrderScenario(run.Host);
        var id = await orders.PlaceAsync(40, cancellationToken);
        await orders.DispatchAsync(cancellationToken);
        await orders.WaitForCustomStatusAsync(id, OrderStatus.InTransit, cancellationToken);
        await run.Host.Client.TerminateAsync(id, "ops", cancellationToken: cancellationToken);
        await run.Host.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.That(
            () => orders.CancelAsync(id, cancellationToken),
            Throws.TypeOf<ConflictException>().With.Message.Contains("terminated").And.Message.Contains("IN_TRANSIT"));
    }
}
