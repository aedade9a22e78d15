using System.Text.Json.Serialization.Metadata;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Settings of the durable runtime. The two concurrency limits are read from host.json as loaded
/// into configuration by the embedded host (<c>AzureFunctionsJobHost:extensions:durableTask:
/// maxConcurrentOrchestratorFunctions</c> / <c>maxConcurrentActivityFunctions</c>); code passed to
/// <c>AddDurableRuntime</c> runs after that and wins.
/// </summary>
public sealed class DurableOptions
{
    /// <summary>Where host.json's durableTask settings sit in configuration.</summary>
    public const string HostJsonSection = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>Orchestration steps run at once by this worker (one claim loop each).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 4;

    /// <summary>Activities run at once by this worker.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 8;

    /// <summary>How long a claimed instance stays ours; a step is expected to take far less.</summary>
    public TimeSpan OrchestrationLeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed activity stays ours; renewed every third of it while it runs.</summary>
    public TimeSpan ActivityLeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first idle poll interval; it doubles while idle up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Inbox messages one step consumes at most (a fan-in of this many results wakes it once).</summary>
    public int MaxMessagesPerStep { get; set; } = 500;

    /// <summary>Instances whose history this worker keeps in memory between steps.</summary>
    public int HistoryCacheSize { get; set; } = 1000;

    /// <summary>The lease owner name; unique per worker so two workers never mistake each other's leases.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Fault injection for crash tests (<c>Durable:Faults:CrashAfterActivity</c>): the worker kills its own process
    /// the moment this activity's code has returned, before its result is checkpointed, which is the window
    /// where an effect has happened but the runtime does not know it. Null, the default, injects nothing.
    /// </summary>
    public string? CrashAfterActivity { get; set; }

    /// <summary>Source-generated JSON contexts for workflow inputs, outputs, events and custom status.</summary>
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];
}
