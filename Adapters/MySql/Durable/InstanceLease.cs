namespace Portable.Adapters.MySql.Durable;

/// <summary>An instance row as a step's commit reads it under its lock: whose lease, on which execution and history.</summary>
internal sealed record InstanceLease(string ExecutionId, long LastSequence, string? Owner, string? LastStepId);
