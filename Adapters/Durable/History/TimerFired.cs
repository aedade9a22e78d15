namespace Portable.Adapters.Durable.History;

/// <summary>A durable timer came due.</summary>
public sealed record TimerFired(DateTime Timestamp, int TimerId, DateTime FireAt) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.TimerFired;

    public override int? TaskId => TimerId;
}
