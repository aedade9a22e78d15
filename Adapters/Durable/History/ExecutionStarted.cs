namespace Portable.Adapters.Durable.History;

/// <summary>Starts an execution: the first event of its history and the start message in the inbox.</summary>
public sealed record ExecutionStarted(DateTime Timestamp, string Name, string? Version, string? Input, ParentInstance? Parent = null) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionStarted;
}
