using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>The outcome of a claimed activity: a <see cref="TaskCompleted"/> or <see cref="TaskFailed"/> event.</summary>
public sealed record ActivityResult(ActivityWorkItem Activity, HistoryEvent Result);
