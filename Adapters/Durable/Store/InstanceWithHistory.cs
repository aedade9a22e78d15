using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>An instance row and its current execution's history, oldest first, read in one snapshot.</summary>
public sealed record InstanceWithHistory(InstanceState State, IReadOnlyList<HistoryEvent> History);
