using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// One order's lifecycle (seed 002): record (the order row's only writer, retried), charge (retried), PLACED or
/// FAILED, queue for dispatch, wait for the dispatcher, IN_TRANSIT, deliver after a delay, COMPLETED.
/// A cancel accepted by <see cref="OrderCancellation"/> always wins: the API records the request in the order store
/// before it answers 202, and every transition but the cancellation is refused while a request is recorded
/// (<see cref="ChangeOrderStatusActivity"/>), so the workflow cancels instead, refunding a captured payment. The
/// cancel event only wakes the workflow from its waits sooner; a request whose event is late or lost is still honoured.
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

    /// <summary>
    /// A store that times out or refuses while it recovers (<see cref="UnavailableException"/>) is waited out with durable
    /// timers, about four minutes in all, rather than ending the order: an outage is not the order's failure.
    /// </summary>
    private static readonly RetryPolicy OutageRetry = new(10, TimeSpan.FromSeconds(1))
    {
        BackoffCoefficient = 2,
        MaxRetryInterval = TimeSpan.FromMinutes(1),
        Handle = failure => failure.IsCausedBy<UnavailableException>(),
    };

    private static readonly TaskOptions ThroughOutages = new(OutageRetry);

    public static WorkflowReference<OrderInput, OrderOutcome> Reference { get; } = new(Name);

    public override async Task<OrderOutcome> RunAsync(WorkflowContext context, OrderInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger<OrderWorkflow>();
        using var scope = WorkScope.Order(log, input.OrderId);
        var run = new Run(context, input.OrderId, log);
        using var stopWaitingForCancel = run.StopWaitingForCancel;
        var cancel = context.WaitForExternalEvent<CancelRequest>(OrderEvents.Cancel, stopWaitingForCancel.Token);

        await context.CallActivityAsync(OrderActivities.Record, input, new TaskOptions(RecordRetry));
        context.SetCustomStatus(OrderStatus.Processing);

        var payment = await ChargeAsync(context, input);

        if (!payment.Captured)
        {
            return await run.EndAsync(new OrderStatusChange(input.OrderId, OrderStatus.Failed, Reason: payment.DeclineReason), paymentId: null);
        }

        var paymentId = payment.PaymentId!;
        if (cancel.IsCompleted)
        {
            return await run.CancelAsync(paymentId, await cancel);
        }

        if (await run.AdvanceAsync(new OrderStatusChange(input.OrderId, OrderStatus.Placed, paymentId)) is { } beforePlaced)
        {
            return await run.CancelAsync(paymentId, beforePlaced);
        }

        await context.CallActivityAsync(OrderActivities.EnqueueDispatch, new DispatchNotice(input.OrderId, context.CurrentUtcDateTime), ThroughOutages);

        using var stopWaitingForDispatch = new CancellationTokenSource();
        var dispatched = context.WaitForExternalEvent<DispatchNotice>(OrderEvents.Dispatched, stopWaitingForDispatch.Token);
        if (await Task.WhenAny(cancel, dispatched) == cancel)
        {
            stopWaitingForDispatch.Cancel();
            return await run.CancelAsync(paymentId, await cancel);
        }

        if (await run.AdvanceAsync(new OrderStatusChange(input.OrderId, OrderStatus.InTransit)) is { } beforeTransit)
        {
            return await run.CancelAsync(paymentId, beforeTransit);
        }

        using var stopDelivery = new CancellationTokenSource();
        var delivered = context.CreateTimer(input.DeliveryDelay, stopDelivery.Token);
        if (await Task.WhenAny(cancel, delivered) == cancel)
        {
            stopDelivery.Cancel();
            return await run.CancelAsync(paymentId, await cancel);
        }

        return await run.EndAsync(new OrderStatusChange(input.OrderId, OrderStatus.Completed), paymentId);
    }

    /// <summary>
    /// Charges the order: a payment service that is unavailable is retried as the order's settings say and then declines
    /// the order; a payment ledger that is unavailable is waited out (the charge is keyed, so a retry never charges twice).
    /// </summary>
    private static async Task<PaymentResult> ChargeAsync(WorkflowContext context, OrderInput input)
    {
        var retry = new RetryPolicy(input.PaymentMaxAttempts, input.PaymentFirstRetryInterval)
        {
            BackoffCoefficient = 2,
            Handle = failure => failure.IsCausedBy<PaymentUnavailableException>(),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await context.CallActivityAsync(
                    OrderActivities.Charge, new PaymentCharge($"{input.OrderId}:charge", input.OrderId, input.Amount), new TaskOptions(retry));
            }
            catch (TaskFailedException exception) when (exception.FailureDetails.IsCausedBy<UnavailableException>() && attempt < OutageRetry.MaxNumberOfAttempts)
            {
                await context.CreateTimer(OutageRetry.GetDelay(attempt + 1), CancellationToken.None);
            }
            catch (TaskFailedException exception)
            {
                return PaymentResult.Decline($"The payment could not be processed: {exception.FailureDetails.ErrorMessage}");
            }
        }
    }

    /// <summary>One run's context, order and logger, and the ways it moves the order on or ends it.</summary>
    private sealed class Run(WorkflowContext context, string orderId, ILogger log)
    {
        public CancellationTokenSource StopWaitingForCancel { get; } = new();

        /// <summary>Makes a transition; returns the recorded cancel request that refused it instead, if any.</summary>
        public async Task<CancelRequest?> AdvanceAsync(OrderStatusChange change)
        {
            var result = await context.CallActivityAsync(OrderActivities.ChangeStatus, change, ThroughOutages);
            if (result.CancelRequested is null)
            {
                context.SetCustomStatus(change.To);
            }

            return result.CancelRequested;
        }

        /// <summary>Ends the order COMPLETED or FAILED, or CANCELLED when a recorded cancel request refuses that.</summary>
        public async Task<OrderOutcome> EndAsync(OrderStatusChange change, string? paymentId)
        {
            StopWaitingForCancel.Cancel();
            return await AdvanceAsync(change) is { } request ? await CancelAsync(paymentId, request) : Ended(change);
        }

        /// <summary>Refunds a captured payment and ends the order CANCELLED.</summary>
        public async Task<OrderOutcome> CancelAsync(string? paymentId, CancelRequest request)
        {
            StopWaitingForCancel.Cancel();
            if (paymentId is not null)
            {
                await context.CallActivityAsync(OrderActivities.Refund, paymentId, ThroughOutages);
            }

            var reason = paymentId is null
                ? $"Cancelled by {request.RequestedBy}; no payment was taken."
                : $"Cancelled by {request.RequestedBy}; payment {paymentId} refunded.";
            var change = new OrderStatusChange(orderId, OrderStatus.Cancelled, Reason: reason);
            await context.CallActivityAsync(OrderActivities.ChangeStatus, change, ThroughOutages);
            context.SetCustomStatus(change.To);
            return Ended(change);
        }

        private OrderOutcome Ended(OrderStatusChange change)
        {
            OrderLog.Finished(log, change.OrderId, change.To, change.Reason);
            return new OrderOutcome(change.OrderId, change.To, change.Reason);
        }
    }
}
