namespace Portable.Adapters.Durable.Store;

/// <summary>One page of a query; a null token means there is no further page.</summary>
public sealed record InstanceStatePage(IReadOnlyList<InstanceState> Instances, string? ContinuationToken);
