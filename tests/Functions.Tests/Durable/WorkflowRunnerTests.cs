using Portable.Core.Orders;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Functions.Tests.Doubles;

namespace Portable.Functions.Tests.Durable;

/// <summary>Core's order workflow, unchanged, on the Durable adapter: the same statuses, activities and outcome as on the other hosts.</summary>
public sealed class WorkflowRunnerTests
{
    private static readonly OrderInput Input = new(
        "ORD0000007", "book", 12, null, "dev@example.com", DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(5));

    private readonly WorkflowRunner _runner = new(new WorkflowRegistry().AddOrderWorkflow(), Payloads.Converter);

    [Test]
    public async Task AnOrderIsPaidDispatchedDeliveredAndCompleted()
    {
        var durable = OrderContext();

        var run = _runner.RunAsync(durable);
        durable.Raise(OrderEvents.Dispatched, new DispatchNotice(Input.OrderId, DateTimeOffset.UnixEpoch));
        Assert.That(durable.Timers.Single().FireAt, Is.EqualTo(durable.Now.AddSeconds(30)));
        durable.Timers.Single().Fire();
        var outcome = (OrderOutcome)(await run)!;

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new OrderOutcome(Input.OrderId, OrderStatus.Completed, null)));
            Assert.That(durable.CustomStatuses, Is.EqualTo(new[] { "\"PROCESSING\"", "\"PLACED\"", "\"IN_TRANSIT\"", "\"COMPLETED\"" }));
            Assert.That(durable.ActivityCalls.Select(call => call.Name), Is.EqualTo(new[]
            {
                OrderActivities.Record.Name, OrderActivities.Charge.Name, OrderActivities.ChangeStatus.Name, OrderActivities.EnqueueDispatch.Name,
                OrderActivities.ChangeStatus.Name, OrderActivities.ChangeStatus.Name,
            }));
        });
    }

    [Test]
    public async Task ACancelInTransitRefundsAndCancelsTheDeliveryTimer()
    {
        var durable = OrderContext();

        var run = _runner.RunAsync(durable);
        durable.Raise(OrderEvents.Dispatched, new DispatchNotice(Input.OrderId, DateTimeOffset.UnixEpoch));
        durable.Raise(OrderEvents.Cancel, new CancelRequest("ops@example.com", DateTimeOffset.UnixEpoch));
        var outcome = (OrderOutcome)(await run)!;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(OrderStatus.Cancelled));
            Assert.That(outcome.Reason, Does.Contain("ops@example.com"));
            Assert.That(durable.ActivityCalls.Select(call => call.Name), Does.Contain(OrderActivities.Refund.Name));
            Assert.That(durable.Timers.Single().Token.IsCancellationRequested, Is.True, "the delivery timer must not hold the orchestration open");
        });
    }

    [Test]
    public async Task ATransientGatewayIsRetriedAndADeclineFailsTheOrder()
    {
        var durable = OrderContext();
        durable.Activities[OrderActivities.Charge.Name] = call => call.Attempt == 1
            ? Payloads.Fail<PaymentUnavailableException>("busy")
            : Payloads.Ok(PaymentResult.Decline("over the limit"));

        var run = _runner.RunAsync(durable);
        durable.Timers.Single().Fire();
        var outcome = (OrderOutcome)(await run)!;

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(new OrderOutcome(Input.OrderId, OrderStatus.Failed, "over the limit")));
            Assert.That(durable.Timers.Single().FireAt, Is.EqualTo(durable.Now.AddSeconds(5)));
        });
    }

    [Test]
    public void AWorkflowTheRegistryDoesNotKnowFails()
    {
        var durable = new FakeOrchestrationContext(Payloads.Converter, "Unknown");
        Assert.ThrowsAsync<InvalidOperationException>(() => _runner.RunAsync(durable));
    }

    private static FakeOrchestrationContext OrderContext()
    {
        var durable = new FakeOrchestrationContext(Payloads.Converter, OrderWorkflow.Name, Input.OrderId)
        {
            SerializedInput = Payloads.Converter.Serialize(Input),
        };
        durable.Activities[OrderActivities.Record.Name] = _ => Payloads.Ok(true);
        durable.Activities[OrderActivities.Charge.Name] = _ => Payloads.Ok(PaymentResult.Capture("PAY-1"));
        durable.Activities[OrderActivities.ChangeStatus.Name] = _ => Payloads.Ok(new OrderStatusChangeResult(Changed: true));
        durable.Activities[OrderActivities.EnqueueDispatch.Name] = _ => Payloads.Ok(true);
        durable.Activities[OrderActivities.Refund.Name] = _ => Payloads.Ok(true);
        return durable;
    }
}
