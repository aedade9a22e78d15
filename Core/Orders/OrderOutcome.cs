namespace Portable.Core.Orders;

/// <summary>The workflow's output: the final status and why.</summary>
public sealed record OrderOutcome(string OrderId, OrderStatus Status, string? Reason);
