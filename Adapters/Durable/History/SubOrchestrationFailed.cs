using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.History;

/// <summary>A sub-orchestration failed or was terminated.</summary>
public sealed record SubOrchestrationFailed(DateTime Timestamp, int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.SubOrchestrationFailed;

    public override int? TaskId => TaskScheduledId;
}
