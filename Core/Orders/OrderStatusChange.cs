namespace Portable.Core.Orders;

/// <summary>A transition the workflow asks the order aggregate to make.</summary>
public sealed record OrderStatusChange(string OrderId, OrderStatus To, string? PaymentId = null, string? Reason = null);
