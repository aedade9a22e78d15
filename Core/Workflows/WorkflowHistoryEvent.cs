namespace Portable.Core.Workflows;

/// <summary>
/// One history event as management APIs show it. <see cref="EventType"/> uses the Durable Task names
/// (ExecutionStarted, TaskScheduled, TaskCompleted, TimerFired, ...).
/// </summary>
public sealed record WorkflowHistoryEvent(
    long SequenceNumber,
    string EventType,
    DateTimeOffset Timestamp,
    int? TaskId = null,
    string? Name = null,
    string? Data = null,
    TaskFailureDetails? FailureDetails = null,
    DateTimeOffset? FireAt = null);
