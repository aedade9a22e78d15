namespace Portable.Core.Workflows;

/// <summary>
/// Options of one sub-orchestration call. Without an instance id the runtime derives a
/// deterministic one, so replays address the same child.
/// </summary>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null)
    : TaskOptions(Retry);
