namespace Portable.Adapters.Durable.History;

/// <summary>Opens a step; its timestamp is the replay-safe current time for the code that runs in it.</summary>
public sealed record OrchestratorStarted(DateTime Timestamp) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.OrchestratorStarted;
}
