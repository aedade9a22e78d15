namespace Portable.Adapters.Durable.Replay;

internal sealed record CreateTimerAction(int TaskId, DateTime FireAt) : WorkflowAction(TaskId)
{
    public override string Describe() => "a timer";
}
