namespace Portable.Core.Workflows;

/// <summary>
/// A page of instances, oldest created first. Pass the previous page's continuation token to go on.
/// Empty or null filters match everything.
/// </summary>
public sealed record WorkflowQuery
{
    public const int MaxPageSize = 1000;

    public IReadOnlyCollection<WorkflowRuntimeStatus>? Statuses { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public string? NamePrefix { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public int PageSize { get; init; } = 100;

    public string? ContinuationToken { get; init; }

    public bool FetchInputsAndOutputs { get; init; }
}
