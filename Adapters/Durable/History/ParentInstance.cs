namespace Portable.Adapters.Durable.History;

/// <summary>Where a sub-orchestration reports its end: the parent's execution and the task awaiting it.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);
