namespace Portable.Adapters.Durable.History;

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationCompleted(DateTime Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.SubOrchestrationCompleted;

    public override int? TaskId => TaskScheduledId;
}
