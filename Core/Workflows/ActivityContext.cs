namespace Portable.Core.Workflows;

/// <summary>
/// Identifies one activity execution. Activities run at least once: side effects should take an
/// idempotency key built from <see cref="InstanceId"/> and <see cref="TaskId"/>, which stay the same
/// when a run is repeated (a retry under a policy is a new task with a new id).
/// </summary>
public sealed record ActivityContext(string Name, string InstanceId, int TaskId, int Attempt)
{
    /// <summary>A key that is stable across repeated runs of this task.</summary>
    public string IdempotencyKey => $"{InstanceId}:{TaskId}";
}
