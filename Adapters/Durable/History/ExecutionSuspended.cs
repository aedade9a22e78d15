namespace Portable.Adapters.Durable.History;

/// <summary>The instance was suspended: new events wait in the inbox until it is resumed.</summary>
public sealed record ExecutionSuspended(DateTime Timestamp, string? Reason) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionSuspended;
}
