namespace Portable.Core.Orders;

/// <summary>The payload of the <see cref="OrderEvents.Cancel"/> event.</summary>
public sealed record CancelRequest(string RequestedBy, DateTimeOffset RequestedAt);
