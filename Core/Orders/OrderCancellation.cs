using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Cancels orders for the API and operator tools alike, so both go through the aggregate's guard. A cancel is a promise
/// or a refusal: it is accepted only by recording the request in the order store, in one step with the workflow's
/// status writes (<see cref="IOrderStore.RecordCancelRequestAsync"/>), and the workflow refuses every other transition
/// once a request is recorded, so an accepted cancel cannot lose a race with the delivery timer or the payment.
/// </summary>
public sealed class OrderCancellation(
    OrderLookup orders, IOrderStore store, IWorkflowClient workflows, TimeProvider time, ILogger<OrderCancellation> logger)
{
    /// <summary>
    /// Asks an order's workflow to cancel it on behalf of <paramref name="requestedBy"/>: a <see cref="ConflictException"/>
    /// naming the state when the cancel can no longer win, a <see cref="NotFoundException"/> for an unknown id. An order
    /// whose row the workflow has not written yet is cancellable too: the workflow honours the request at its next step.
    /// </summary>
    public Task<CancelAccepted> CancelAsync(string orderId, string requestedBy, CancellationToken cancellationToken) =>
        CancelAsync(orderId, requestedBy, null, cancellationToken);

    /// <summary>As above, for an order <paramref name="owner"/> placed (null: any order); another's order is not found.</summary>
    public async Task<CancelAccepted> CancelAsync(string orderId, string requestedBy, string? owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        var order = await orders.FindAsync(orderId, owner, cancellationToken);
        using var scope = WorkScope.Order(logger, order.Id.Value);
        order.EnsureCancellable();

        // Only a running workflow honours a request: one that an operator terminated, or that failed, never will.
        var instance = await workflows.GetInstanceAsync(order.Id.Value, cancellationToken: cancellationToken);
        if (instance?.RuntimeStatus is WorkflowRuntimeStatus.Terminated or WorkflowRuntimeStatus.Failed)
        {
            throw new ConflictException(
                $"Order {order.Id} can no longer be cancelled: its workflow was {instance.RuntimeStatus.ToString().ToLowerInvariant()} while the order was {order.Status.ToWireName()}.");
        }

        var request = new CancelRequest(requestedBy, time.GetUtcNow());
        var row = await store.RecordCancelRequestAsync(order.Id, request, current => current is null || current.CanCancel, cancellationToken);
        row?.EnsureCancellable();

        // The event only wakes the workflow from its waits; the recorded request holds even if this raise is lost.
        await workflows.RaiseEventAsync(order.Id.Value, OrderEvents.Cancel, request, cancellationToken);
        return new CancelAccepted("Cancellation requested; the order will be cancelled and any payment refunded.", order.Id.Value);
    }
}
