namespace Portable.Adapters.Durable.History;

/// <summary>An activity was scheduled as task <see cref="EventId"/>; <see cref="Attempt"/> counts retries of one call.</summary>
public sealed record TaskScheduled(DateTime Timestamp, int EventId, string Name, string? Version, string? Input, int Attempt) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.TaskScheduled;

    public override int? TaskId => EventId;
}
