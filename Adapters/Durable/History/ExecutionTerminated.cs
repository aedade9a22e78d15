namespace Portable.Adapters.Durable.History;

/// <summary>The instance was terminated (and, when <see cref="Recursive"/>, its running sub-orchestrations).</summary>
public sealed record ExecutionTerminated(DateTime Timestamp, string? Reason, bool Recursive) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionTerminated;
}
