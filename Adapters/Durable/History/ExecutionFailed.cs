using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.History;

/// <summary>The orchestrator threw, or could not be replayed.</summary>
public sealed record ExecutionFailed(DateTime Timestamp, TaskFailureDetails FailureDetails) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionFailed;
}
