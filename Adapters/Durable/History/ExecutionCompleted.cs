namespace Portable.Adapters.Durable.History;

/// <summary>The orchestrator returned.</summary>
public sealed record ExecutionCompleted(DateTime Timestamp, string? Result) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionCompleted;
}
