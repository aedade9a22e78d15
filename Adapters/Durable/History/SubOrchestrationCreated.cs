namespace Portable.Adapters.Durable.History;

/// <summary>A sub-orchestration was started as task <see cref="EventId"/>.</summary>
public sealed record SubOrchestrationCreated(DateTime Timestamp, int EventId, string Name, string? Version, string InstanceId, string? Input) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.SubOrchestrationCreated;

    public override int? TaskId => EventId;
}
