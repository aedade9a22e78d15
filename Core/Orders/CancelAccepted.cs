namespace Portable.Core.Orders;

/// <summary>The 202 answer to a cancel request: the workflow will refund and cancel.</summary>
public sealed record CancelAccepted(string Message, string OrderId);
