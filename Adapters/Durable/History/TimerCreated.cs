namespace Portable.Adapters.Durable.History;

/// <summary>A durable timer was created as task <see cref="EventId"/>.</summary>
public sealed record TimerCreated(DateTime Timestamp, int EventId, DateTime FireAt) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.TimerCreated;

    public override int? TaskId => EventId;
}
