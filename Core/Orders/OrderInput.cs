namespace Portable.Core.Orders;

/// <summary>The order workflow's input: everything it needs, fixed at start so that replays see the same values.</summary>
public sealed record OrderInput(
    string OrderId,
    string Item,
    int Amount,
    string? Description,
    string OrderedBy,
    DateTimeOffset CreatedAt,
    TimeSpan DeliveryDelay,
    int PaymentMaxAttempts,
    TimeSpan PaymentFirstRetryInterval)
{
    /// <summary>The input of a just-placed order's workflow, with the order settings of the moment.</summary>
    public static OrderInput Of(Order order, OrderOptions options)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(options);
        return new(order.Id.Value, order.Item, order.Amount, order.Description, order.OrderedBy, order.CreatedAt,
            options.DeliveryDelay, options.PaymentMaxAttempts, options.PaymentFirstRetryInterval);
    }

    /// <summary>The order as it was placed (<see cref="OrderStatus.Processing"/>), before its workflow moved it on.</summary>
    public Order ToOrder() =>
        Order.Place(Orders.OrderId.ParseOrNotFound(OrderId), NewOrder.Create(Item, Amount, Description), OrderedBy, CreatedAt);
}
