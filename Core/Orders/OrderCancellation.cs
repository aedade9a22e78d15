using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>Cancels orders for the API and operator tools alike, so both go through the aggregate's guard.</summary>
public sealed class OrderCancellation(OrderLookup orders, IWorkflowClient workflows, TimeProvider time, ILogger<OrderCancellation> logger)
{
    /// <summary>
    /// Asks an order's workflow to cancel it on behalf of <paramref name="requestedBy"/>: a <see cref="ConflictException"/>
    /// when the lifecycle no longer allows it, a <see cref="NotFoundException"/> for an unknown id. An order whose row the
    /// workflow has not written yet is cancellable too: the workflow waits for the event from its start.
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
        await workflows.RaiseEventAsync(order.Id.Value, OrderEvents.Cancel, new CancelRequest(requestedBy, time.GetUtcNow()), cancellationToken);
        return new CancelAccepted("Cancellation requested; the order will be cancelled and any payment refunded.", order.Id.Value);
    }
}
