using Portable.Core.Orders;

namespace Portable.Core.Dashboard;

/// <summary>A row of the dashboard's order list.</summary>
internal sealed record DashboardOrder(
    string OrderId,
    string Item,
    int Amount,
    OrderStatus Status,
    string OrderedBy,
    string? StatusReason,
    DateTimeOffset UpdatedAt,
    bool CanCancel)
{
    public static DashboardOrder Of(Order order) =>
        new(order.Id.Value, order.Item, order.Amount, order.Status, order.OrderedBy, order.StatusReason, order.UpdatedAt, order.CanCancel);
}
