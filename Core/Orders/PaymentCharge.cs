namespace Portable.Core.Orders;

/// <summary>A request to capture an order's amount; <paramref name="ChargeId"/> makes a repeated request the same charge.</summary>
public sealed record PaymentCharge(string ChargeId, string OrderId, int Amount);
