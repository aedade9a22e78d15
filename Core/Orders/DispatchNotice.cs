namespace Portable.Core.Orders;

/// <summary>The payload of the <see cref="OrderEvents.Dispatched"/> event, and the body of a dispatch-queue message.</summary>
public sealed record DispatchNotice(string OrderId, DateTimeOffset At);
