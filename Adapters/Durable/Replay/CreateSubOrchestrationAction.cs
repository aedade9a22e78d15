namespace Portable.Adapters.Durable.Replay;

internal sealed record CreateSubOrchestrationAction(int TaskId, string Name, string InstanceId, string? Input)
    : WorkflowAction(TaskId)
{
    public override string Describe() => $"sub-orchestration '{Name}'";
}
