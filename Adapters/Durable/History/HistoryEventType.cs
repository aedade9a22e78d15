namespace Portable.Adapters.Durable.History;

/// <summary>The Durable Task event types. Stores persist the numeric values: never renumber.</summary>
public enum HistoryEventType
{
    ExecutionStarted = 0,
    OrchestratorStarted = 1,
    TaskScheduled = 2,
    TaskCompleted = 3,
    TaskFailed = 4,
    TimerCreated = 5,
    TimerFired = 6,
    EventRaised = 7,
    SubOrchestrationCreated = 8,
    SubOrchestrationCompleted = 9,
    SubOrchestrationFailed = 10,
    ExecutionSuspended = 11,
    ExecutionResumed = 12,
    ExecutionTerminated = 13,
    ExecutionCompleted = 14,
    ExecutionFailed = 15,
}
