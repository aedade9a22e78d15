using Microsoft.Extensions.Logging;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// One order's lifecycle (seed 002): record (the order row's only writer, retried), charge (retried), PLACED or
/// FAILED, queue for dispatch, wait for the dispatcher, IN_TRANSIT, deliver after a delay, COMPLETED. A cancel event
/// wins at any wait before completion; a captured payment is then refunded.
/// Waits are stopped with <c>Cancel()</c>, never <c>CancelAsync()</c>: orchestrator code must not leave the
/// replay scheduler, and <c>CancelAsync</c> runs its callbacks on the thread pool.
/// </summary>
public sealed class OrderWorkflow : Workflow<OrderInput, OrderOutcome>
{
    public const string Name = "OrderLifecycle";

    /// <summary>Until the row is written the order cannot be read but from this workflow's input, so a store outage is waited out.</summary>
    private static readonly RetryPolicy RecordRetry = new(10, TimeSpan.FromSeconds(1))
    {
        BackoffCoefficient = 2,
        MaxRetryInterval = TimeSpan.FromMinutes(1),
        Handle = failure => !failure.IsCausedBy<ValidationException>() && !failure.IsCausedBy<ConflictException>(),
    };

    public static WorkflowReference<OrderInput, OrderOutcome> Reference { get; } = new(Name);

    public override async Task<OrderOutcome> RunAsync(WorkflowContext context, OrderInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger<OrderWorkflow>();
        using var stopWaitingForCancel = new CancellationTokenSource();
        var cancel = context.WaitForExternalEvent<CancelRequest>(OrderEvents.Cancel, stopWaitingForCancel.Token);

        await context.CallActivityAsync(OrderActivities.Record, input, new TaskOptions(RecordRetry));
        context.SetCustomStatus(OrderStatus.Processing);

        PaymentResult payment;
        try
        {
            var retry = new RetryPolicy(input.PaymentMaxAttempts, input.PaymentFirstRetryInterval)
            {
                BackoffCoefficient = 2,
                Handle = failure => failure.IsCausedBy<PaymentUnavailableException>(),
            };
            payment = await context.CallActivityAsync(
                OrderActivities.Charge, new PaymentCharge($"{input.OrderId}:charge", input.OrderId, input.Amount), new TaskOptions(retry));
        }
        catch (TaskFailedException exception)
        {
            payment = PaymentResult.Decline($"The payment could not be processed: {exception.FailureDetails.ErrorMessage}");
        }

        if (!payment.Captured)
        {
            return await Finish(context, log, stopWaitingForCancel, new OrderStatusChange(input.OrderId, OrderStatus.Failed, Reason: payment.DeclineReason));
        }

        if (cancel.IsCompleted)
        {
            return await CancelAfterPayment(context, log, stopWaitingForCancel, input.OrderId, payment.PaymentId!, await cancel);
        }

        await context.CallActivityAsync(OrderActivities.ChangeStatus, new OrderStatusChange(input.OrderId, OrderStatus.Placed, payment.PaymentId));
        context.SetCustomStatus(OrderStatus.Placed);
        await context.CallActivityAsync(OrderActivities.EnqueueDispatch, new DispatchNotice(input.OrderId, context.CurrentUtcDateTime));

        using var stopWaitingForDispatch = new CancellationTokenSource();
        var dispatched = context.WaitForExternalEvent<DispatchNotice>(OrderEvents.Dispatched, stopWaitingForDispatch.Token);
        if (await Task.WhenAny(cancel, dispatched) == cancel)
        {
            stopWaitingForDispatch.Cancel();
            return await CancelAfterPayment(context, log, stopWaitingForCancel, input.OrderId, payment.PaymentId!, await cancel);
        }

        await context.CallActivityAsync(OrderActivities.ChangeStatus, new OrderStatusChange(input.OrderId, OrderStatus.InTransit));
        context.SetCustomStatus(OrderStatus.InTransit);

        using var stopDelivery = new CancellationTokenSource();
        var delivered = context.CreateTimer(input.DeliveryDelay, stopDelivery.Token);
        if (await Task.WhenAny(cancel, delivered) == cancel)
        {
            stopDelivery.Cancel();
            return await CancelAfterPayment(context, log, stopWaitingForCancel, input.OrderId, payment.PaymentId!, await cancel);
        }

        return await Finish(context, log, stopWaitingForCancel, new OrderStatusChange(input.OrderId, OrderStatus.Completed));
    }

    private static async Task<OrderOutcome> CancelAfterPayment(
        WorkflowContext context, ILogger log, CancellationTokenSource stopWaitingForCancel, string orderId, string paymentId, CancelRequest request)
    {
        await context.CallActivityAsync(OrderActivities.Refund, paymentId);
        return await Finish(context, log, stopWaitingForCancel, new OrderStatusChange(orderId, OrderStatus.Cancelled, Reason: $"Cancelled by {request.RequestedBy}; payment {paymentId} refunded."));
    }

    private static async Task<OrderOutcome> Finish(WorkflowContext context, ILogger log, CancellationTokenSource stopWaitingForCancel, OrderStatusChange change)
    {
        stopWaitingForCancel.Cancel();
        await context.CallActivityAsync(OrderActivities.ChangeStatus, change);
        context.SetCustomStatus(change.To);
        OrderLog.Finished(log, change.OrderId, change.To, change.Reason);
        return new OrderOutcome(change.OrderId, change.To, change.Reason);
    }
}
