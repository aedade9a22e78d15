using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Applies one guarded transition; a repeat of a transition already made (a redelivered activity) changes nothing.
/// Every transition but the cancellation itself is refused while a cancel request is recorded: the store decides that
/// in one step with the request, so an accepted cancel always wins over a completion, a failure or a dispatch.
/// </summary>
public sealed class ChangeOrderStatusActivity(IOrderStore store, TimeProvider time) : Activity<OrderStatusChange, OrderStatusChangeResult>
{
    public const string Name = "ChangeOrderStatus";

    public override async Task<OrderStatusChangeResult> RunAsync(ActivityContext context, OrderStatusChange input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = await store.GetAsync(OrderId.ParseOrNotFound(input.OrderId), cancellationToken)
            ?? throw new InvalidOperationException($"Order {input.OrderId} is not recorded.");
        if (order.Status == input.To)
        {
            return new OrderStatusChangeResult(Changed: false);
        }

        var now = time.GetUtcNow();
        switch (input.To)
        {
            case OrderStatus.Placed:
                order.MarkPlaced(input.PaymentId ?? throw new InvalidOperationException("A placed order needs its payment id."), now);
                break;
            case OrderStatus.Failed:
                order.MarkFailed(input.Reason ?? "The payment failed.", now);
                break;
            case OrderStatus.InTransit:
                order.MarkInTransit(now);
                break;
            case OrderStatus.Completed:
                order.MarkCompleted(now);
                break;
            case OrderStatus.Cancelled:
                order.Cancel(input.Reason ?? "Cancelled.", now);
                await store.UpdateAsync(order, cancellationToken);
                return new OrderStatusChangeResult(Changed: true);
            default:
                throw new InvalidOperationException($"No transition leads to {input.To}.");
        }

        return await store.UpdateUnlessCancelRequestedAsync(order, cancellationToken) is { } request
            ? new OrderStatusChangeResult(Changed: false, request)
            : new OrderStatusChangeResult(Changed: true);
    }
}
