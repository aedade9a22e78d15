namespace Portable.Core.Workflows;

/// <summary>One page of a query; a null token means there is no further page.</summary>
public sealed record WorkflowQueryResult(IReadOnlyList<WorkflowInstance> Instances, string? ContinuationToken);
