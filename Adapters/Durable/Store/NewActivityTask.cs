namespace Portable.Adapters.Durable.Store;

/// <summary>An activity work item a step schedules for its own execution.</summary>
public sealed record NewActivityTask(int TaskId, string Name, string? Version, string? Input, int Attempt);
