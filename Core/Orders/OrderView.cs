namespace Portable.Core.Orders;

/// <summary>An order as <c>GET /api/order/{id}</c> shows it: the seed's fields, in camelCase as every answer (<c>item</c>, <c>status</c>, <c>orderedBy</c>).</summary>
public sealed record OrderView(
    string OrderId,
    string Item,
    int Amount,
    string? Description,
    OrderStatus Status,
    string OrderedBy,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderView Of(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id.Value, order.Item, order.Amount, order.Description, order.Status, order.OrderedBy, order.StatusReason, order.CreatedAt, order.UpdatedAt);
    }
}
