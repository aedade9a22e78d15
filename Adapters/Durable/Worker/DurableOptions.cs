using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Settings of the durable runtime, bound from host.json as the embedded host loads it (<c>AzureFunctionsJobHost:
/// extensions:durableTask:maxConcurrentOrchestratorFunctions</c> / <c>maxConcurrentActivityFunctions</c>), then from the
/// <c>Durable</c> section (<c>Durable:OrchestrationLeaseDuration</c>, ...); code passed to <c>AddDurableRuntime</c> runs
/// after that and wins. Checked when the host starts.
/// </summary>
public sealed class DurableOptions : IValidatedOptions
{
    /// <summary>Where host.json's durableTask settings sit in configuration.</summary>
    public const string HostJsonSection = "AzureFunctionsJobHost:extensions:durableTask";

    public const string Section = "Durable";

    /// <summary>Orchestration steps run at once by this worker (one claim loop each).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 4;

    /// <summary>Activities run at once by this worker.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 8;

    /// <summary>How long a claimed instance stays ours; a step is expected to take far less.</summary>
    public TimeSpan OrchestrationLeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed activity stays ours; renewed every third of it while it runs.</summary>
    public TimeSpan ActivityLeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The shortest poll interval: a poll comes when nothing looked at the store for the interval, which drops to this
    /// when a poll finds work no signal announced, and doubles back to <see cref="MaxPollingInterval"/> (where it starts)
    /// while polls find nothing.
    /// </summary>
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
    [ConfigurationKeyName("Faults:CrashAfterActivity")]
    public string? CrashAfterActivity { get; set; }

    public IEnumerable<string> Problems()
    {
        if (MaxConcurrentOrchestratorFunctions < 1 || MaxConcurrentActivityFunctions < 1)
        {
            yield return $"{HostJsonSection}:maxConcurrentOrchestratorFunctions and maxConcurrentActivityFunctions must be positive integers.";
        }

        // A lease is how long a dead worker's claim blocks others: short for tests, longer than the slowest step in production.
        foreach (var (name, lease) in new[] { (nameof(OrchestrationLeaseDuration), OrchestrationLeaseDuration), (nameof(ActivityLeaseDuration), ActivityLeaseDuration) })
        {
            if (lease <= TimeSpan.Zero)
            {
                yield return $"{Section}:{name} must be a positive time span, such as 00:01:00.";
            }
        }

        if (MinPollingInterval <= TimeSpan.Zero || MaxPollingInterval < MinPollingInterval)
        {
            yield return $"{Section}:MinPollingInterval must be positive and at most {Section}:MaxPollingInterval.";
        }

        if (MaxMessagesPerStep < 1 || HistoryCacheSize < 0)
        {
            yield return $"{Section}:MaxMessagesPerStep must be at least 1 and {Section}:HistoryCacheSize not negative.";
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            yield return $"{Section}:WorkerId must not be empty: it names this worker's leases.";
        }
    }
}
