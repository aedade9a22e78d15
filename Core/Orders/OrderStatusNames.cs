namespace Portable.Core.Orders;

/// <summary>The statuses as the API writes them (PROCESSING, IN_TRANSIT, ...), for messages that name one.</summary>
public static class OrderStatusNames
{
    public static string ToWireName(this OrderStatus status) => status switch
    {
        OrderStatus.Processing => "PROCESSING",
        OrderStatus.Placed => "PLACED",
        OrderStatus.Failed => "FAILED",
        OrderStatus.InTransit => "IN_TRANSIT",
        OrderStatus.Completed => "COMPLETED",
        OrderStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
