using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Store;

/// <summary>An instance row as management reads it; inputs and outputs only when asked for.</summary>
public sealed record InstanceState(
    string InstanceId,
    string ExecutionId,
    string Name,
    string? Version,
    WorkflowRuntimeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    DateTimeOffset? CompletedAt,
    string? ParentInstanceId,
    string? Input,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? FailureDetails);
