namespace Portable.Core.Orders;

/// <summary>An order number taken for an idempotency key: a new one, or the one an earlier request with the key took.</summary>
public sealed record KeyedOrderId(OrderId Id, bool Repeated);
