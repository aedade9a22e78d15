using Portable.Adapters.Durable.History;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// Everything one orchestration step changes, applied in one transaction only while the lease is
/// still <see cref="LeaseOwner"/>'s: history appended after the claimed last sequence, consumed inbox
/// rows deleted, activities and messages inserted, the instance row updated and the lease released.
/// When <see cref="Status"/> becomes terminal the store also drops the instance's remaining activities and
/// inbox rows.
/// </summary>
public sealed record StepCommit
{
    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required string LeaseOwner { get; init; }

    /// <summary>The instance's new status with its output, custom status and failure; null leaves the
    /// instance row as it is (a step that only dropped stale messages).</summary>
    public required WorkflowRuntimeStatus? Status { get; init; }

    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    public IReadOnlyList<long> ConsumedMessageIds { get; init; } = [];

    public IReadOnlyList<NewActivityTask> Activities { get; init; } = [];

    public IReadOnlyList<OutboundMessage> Messages { get; init; } = [];

    public IReadOnlyList<NewInstance> SubOrchestrations { get; init; } = [];

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public ContinueAsNewCommit? ContinueAsNew { get; init; }
}
