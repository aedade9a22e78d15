using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.History;

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(DateTime Timestamp, int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent(Timestamp)
{
    public override HistoryEventType EventType => HistoryEventType.TaskFailed;

    public override int? TaskId => TaskScheduledId;
}
