using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// A claimed instance: its row and the inbox messages visible at claim time, oldest first.
/// <see cref="LastSequence"/> is the sequence number of its last history event (0 = none), so a
/// worker can tell whether a cached history copy is current.
/// </summary>
public sealed record InstanceWorkItem(
    string InstanceId,
    string ExecutionId,
    string Name,
    string? Version,
    WorkflowRuntimeStatus Status,
    long LastSequence,
    string? CustomStatus,
    IReadOnlyList<InboxMessage> Messages);
