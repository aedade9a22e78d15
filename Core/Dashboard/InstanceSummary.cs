using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>A row of the dashboard's instance list.</summary>
internal sealed record InstanceSummary(
    string InstanceId,
    string Name,
    WorkflowRuntimeStatus RuntimeStatus,
    string? CustomStatus,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string? Error)
{
    public static InstanceSummary Of(WorkflowInstance instance) => new(
        instance.InstanceId,
        instance.Name,
        instance.RuntimeStatus,
        instance.SerializedCustomStatus?.Trim('"'),
        instance.CreatedAt,
        instance.LastUpdatedAt,
        instance.FailureDetails?.ErrorMessage);
}
