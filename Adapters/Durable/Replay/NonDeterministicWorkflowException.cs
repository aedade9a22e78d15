namespace Portable.Adapters.Durable.Replay;

/// <summary>
/// The orchestrator code no longer matches its recorded history (a different activity, timer or
/// sub-orchestration at the same point, or a recorded one missing). The instance fails with it.
/// </summary>
public sealed class NonDeterministicWorkflowException(string message) : Exception(message);
