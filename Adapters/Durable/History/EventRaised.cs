namespace Portable.Adapters.Durable.History;

/// <summary>An external event arrived (names are case-insensitive).</summary>
public sealed record EventRaised(DateTime Timestamp, string Name, string? Input) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.EventRaised;
}
