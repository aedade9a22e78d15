using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>Applies one guarded transition; a repeat of a transition already made (a redelivered activity) changes nothing.</summary>
public sealed class ChangeOrderStatusActivity(IOrderStore store, TimeProvider time) : Activity<OrderStatusChange, bool>
{
    public const string Name = "ChangeOrderStatus";

    public override async Task<bool> RunAsync(ActivityContext context, OrderStatusChange input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = await store.GetAsync(OrderId.ParseOrNotFound(input.OrderId), cancellationToken)
            ?? throw new InvalidOperationException($"Order {input.OrderId} is not recorded.");
        if (order.Status == input.To)
        {
            return false;
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
                break;
            default:
                throw new InvalidOperationException($"No transition leads to {input.To}.");
        }

        await store.UpdateAsync(order, cancellationToken);
        return true;
    }
}
