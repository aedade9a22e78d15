namespace Portable.Adapters.Durable.History;

/// <summary>Starts an execution: the first event of its history and the start message in the inbox.</summary>
public sealed record ExecutionStarted(DateTime Timestamp, string Name, string? Version, string? Input, ParentInstance? Parent = null) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.ExecutionStarted;

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that started the instance (an HTTP request, a queue message, a parent
    /// step), so its steps and activities join that trace wherever and whenever they run. Null when none was recording.
    /// </summary>
    public string? TraceParent { get; init; }
}
