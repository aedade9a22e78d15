namespace Portable.Core.Workflows;

/// <summary>A sub-orchestration ended Failed or Terminated, after any retries its policy allowed.</summary>
public sealed class SubOrchestrationFailedException : Exception
{
    public SubOrchestrationFailedException(
        string name, int taskId, string instanceId, TaskFailureDetails failureDetails)
        : base($"Sub-orchestration '{name}' (task {taskId}, instance {instanceId}) failed: {failureDetails}")
    {
        Name = name;
        TaskId = taskId;
        InstanceId = instanceId;
        FailureDetails = failureDetails;
    }

    public string Name { get; }

    public int TaskId { get; }

    public string InstanceId { get; }

    public TaskFailureDetails FailureDetails { get; }
}
