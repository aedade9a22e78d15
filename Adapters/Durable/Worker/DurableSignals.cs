namespace Portable.Adapters.Durable.Worker;

/// <summary>The in-process wake-ups shared by the worker and the client of one process.</summary>
internal sealed class DurableSignals
{
    /// <summary>An instance may have a new inbox message.</summary>
    public WakeSignal Orchestrations { get; } = new();

    /// <summary>An activity task may be waiting.</summary>
    public WakeSignal Activities { get; } = new();

    /// <summary>An instance may have ended.</summary>
    public WakeSignal Completions { get; } = new();
}
