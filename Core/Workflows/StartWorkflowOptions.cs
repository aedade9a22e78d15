namespace Portable.Core.Workflows;

/// <summary>
/// Options of a new instance. Without an id the client makes one; <see cref="StartAt"/> delays the
/// first step; without a version the registry's default version runs.
/// </summary>
public sealed record StartWorkflowOptions(
    string? InstanceId = null,
    DateTimeOffset? StartAt = null,
    string? Version = null);
