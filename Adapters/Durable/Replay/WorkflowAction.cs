namespace Portable.Adapters.Durable.Replay;

/// <summary>Something orchestrator code asked for in this step, identified by its task id.</summary>
internal abstract record WorkflowAction(int TaskId)
{
    /// <summary>How a mismatch message names it, e.g. "activity 'Charge'".</summary>
    public abstract string Describe();
}
