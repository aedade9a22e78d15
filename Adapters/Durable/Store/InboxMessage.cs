using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// A pending event for an instance. <see cref="ExecutionId"/> ties results of activities, timers and
/// sub-orchestrations to the execution that asked for them (a stale one is dropped); null for events
/// that apply to whichever execution is current (raised events, terminate, suspend, resume).
/// </summary>
public sealed record InboxMessage(long Id, string? ExecutionId, HistoryEvent Event);
