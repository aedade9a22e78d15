namespace Portable.Adapters.Durable.Replay;

internal sealed record ScheduleActivityAction(int TaskId, string Name, string? Input, int Attempt)
    : WorkflowAction(TaskId)
{
    public override string Describe() => $"activity '{Name}'";
}
