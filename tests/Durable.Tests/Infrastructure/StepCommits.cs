using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>Steps that tests commit by hand, in place of a worker's replay.</summary>
internal static class StepCommits
{
    /// <summary>The step that completes a claimed instance with <paramref name="outputJson"/>, consuming its messages.</summary>
    public static StepCommit Completing(InstanceWorkItem claimed, string owner, string outputJson) => new()
    {
        InstanceId = claimed.InstanceId,
        ExecutionId = claimed.ExecutionId,
        LeaseOwner = owner,
        Status = WorkflowRuntimeStatus.Completed,
        ConsumedMessageIds = [.. claimed.Messages.Select(m => m.Id)],
        NewHistory = [new ExecutionCompleted(DateTime.UtcNow, outputJson)],
        Output = outputJson,
    };
}
