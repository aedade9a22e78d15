using System.Text.Json.Serialization;

namespace Portable.Core.Orders;

/// <summary>
/// What became of a transition the workflow asked for: made (or made before, by an earlier attempt), or refused because a
/// cancel request is recorded, which the workflow then honours.
/// </summary>
[JsonConverter(typeof(OrderStatusChangeResultConverter))]
public sealed record OrderStatusChangeResult(bool Changed, CancelRequest? CancelRequested = null);
