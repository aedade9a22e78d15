namespace Portable.Adapters.Durable.History;

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(DateTime Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.TaskCompleted;

    public override int? TaskId => TaskScheduledId;
}
