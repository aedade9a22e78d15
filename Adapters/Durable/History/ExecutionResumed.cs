namespace Portable.Adapters.Durable.History;

/// <summary>The instance was resumed.</summary>
public sealed record ExecutionResumed(DateTime Timestamp, string? Reason) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionResumed;
}
