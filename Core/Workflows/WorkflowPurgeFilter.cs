namespace Portable.Core.Workflows;

/// <summary>
/// Purges instances that ended before <see cref="CompletedBefore"/> in one of <see cref="Statuses"/>
/// (terminal statuses only; null = Completed, Failed and Terminated).
/// </summary>
public sealed record WorkflowPurgeFilter(
    DateTimeOffset CompletedBefore,
    IReadOnlyCollection<WorkflowRuntimeStatus>? Statuses = null);
