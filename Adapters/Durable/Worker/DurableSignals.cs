using Microsoft.Extensions.Options;

namespace Portable.Adapters.Durable.Worker;

/// <summary>The in-process wake-ups shared by the worker and the client of one process.</summary>
internal sealed class DurableSignals(IOptions<DurableOptions> options)
{
    /// <summary>Instances may have new inbox messages: one claim of the orchestration loop per instance, up to its slots.</summary>
    public WorkSignal Orchestrations { get; } = new(Math.Max(1, options.Value.MaxConcurrentOrchestratorFunctions));

    /// <summary>Activity tasks may be waiting: one claim of the activity loop (a batch).</summary>
    public WorkSignal Activities { get; } = new(1);

    /// <summary>An instance may have ended.</summary>
    public WakeSignal Completions { get; } = new();
}
