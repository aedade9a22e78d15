using Microsoft.Extensions.Options;

namespace Portable.Adapters.Durable.Worker;

/// <summary>The in-process wake-ups shared by the worker and the client of one process.</summary>
internal sealed class DurableSignals(IOptions<DurableOptions> options)
{
    /// <summary>Instances may have new inbox messages: one orchestration loop woken per instance.</summary>
    public WorkSignal Orchestrations { get; } = new(Math.Max(1, options.Value.MaxConcurrentOrchestratorFunctions));

    /// <summary>Activity tasks may be waiting, for the one activity loop.</summary>
    public WorkSignal Activities { get; } = new(1);

    /// <summary>An instance may have ended.</summary>
    public WakeSignal Completions { get; } = new();
}
