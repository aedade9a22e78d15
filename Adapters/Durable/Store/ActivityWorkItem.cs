namespace Portable.Adapters.Durable.Store;

/// <summary>A claimed activity task; <see cref="Id"/> is the store's row id.</summary>
public sealed record ActivityWorkItem(
    long Id,
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string? Version,
    string? Input,
    int Attempt);
