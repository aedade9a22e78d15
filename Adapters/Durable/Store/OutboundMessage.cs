using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// An inbox row a step adds: a timer to itself (visible at its due time), a result to a parent, a
/// terminate to a child, or an event carried into a new execution. Dropped when the target instance
/// does not exist.
/// </summary>
public sealed record OutboundMessage(
    string InstanceId, string? ExecutionId, HistoryEvent Event, DateTimeOffset VisibleAt);
