namespace Portable.Adapters.Durable.Replay;

/// <summary>A task the code awaits whose completion has not been seen yet.</summary>
internal sealed record OpenTask(WorkflowAction Action, TaskCompletionSource<string?> Source);
