using Portable.Adapters.Durable.History;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Client;

/// <summary>Maps recorded events to the management API's neutral shape.</summary>
internal static class HistoryEventViews
{
    public static WorkflowHistoryEvent ToView(HistoryEvent historyEvent, long sequenceNumber)
    {
        var view = new WorkflowHistoryEvent(
            sequenceNumber,
            historyEvent.EventType.ToString(),
            new DateTimeOffset(DateTime.SpecifyKind(historyEvent.Timestamp, DateTimeKind.Utc)),
            historyEvent.TaskId);
        return historyEvent switch
        {
            ExecutionStarted e => view with { Name = e.Name, Data = e.Input },
            TaskScheduled e => view with { Name = e.Name, Data = e.Input },
            TaskCompleted e => view with { Data = e.Result },
            TaskFailed e => view with { FailureDetails = e.FailureDetails },
            TimerCreated e => view with { FireAt = Utc(e.FireAt) },
            TimerFired e => view with { FireAt = Utc(e.FireAt) },
            EventRaised e => view with { Name = e.Name, Data = e.Input },
            SubOrchestrationCreated e => view with { Name = e.Name, Data = e.Input },
            SubOrchestrationCompleted e => view with { Data = e.Result },
            SubOrchestrationFailed e => view with { FailureDetails = e.FailureDetails },
            ExecutionSuspended e => view with { Data = e.Reason },
            ExecutionResumed e => view with { Data = e.Reason },
            ExecutionTerminated e => view with { Data = e.Reason },
            ExecutionCompleted e => view with { Data = e.Result },
            ExecutionFailed e => view with { FailureDetails = e.FailureDetails },
            _ => view,
        };
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
