using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Bench.Durable;

/// <summary>
/// Counts the store calls of a run and the time they take: how many claims find nothing, how many write transactions
/// the calls make (each writing call is one transaction on either store), how large the activity batches are, and,
/// printed with <c>--profile</c>, where the time goes.
/// </summary>
internal sealed class CountingStore(IOrchestrationWorkerStore worker, IOrchestrationClientStore client)
    : IOrchestrationWorkerStore, IOrchestrationClientStore
{
    private const string NothingClaimed = "  (claims that found nothing)";
    private const string NoActivityClaimed = "  (activity claims that found nothing)";

    /// <summary>Calls that write, one transaction each; a claim writes its lease only when it found something.</summary>
    private static readonly string[] Writes =
    [
        "CreateInstance", "CommitStep", "AbandonInstance", "RenewActivityLeases", "CompleteActivities", "AbandonActivity",
        "EnqueueMessage", "PurgeInstance", "PurgeInstances", "CommitStepKeepingActivities", "  (results committed with their next step)",
    ];

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>The counts so far.</summary>
    public WorkCounts Counts()
    {
        long Calls(string name) => _counters.TryGetValue(name, out var counter) ? Interlocked.Read(ref counter.Calls) : 0;
        long claims = Calls("ClaimInstance"), empty = Calls(NothingClaimed);
        long activityClaims = Calls("ClaimActivities"), emptyActivity = Calls(NoActivityClaimed);
        return new WorkCounts(
            claims + activityClaims,
            empty + emptyActivity,
            Writes.Sum(Calls) + (claims - empty) + (activityClaims - emptyActivity));
    }

    public void Print(TextWriter writer, string title)
    {
        writer.WriteLine(title);
        foreach (var (name, counter) in _counters.OrderByDescending(pair => pair.Value.Ticks))
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-36} {counter.Calls,8:N0} calls {counter.Ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, counter.Calls),8:F3} ms each {counter.Items,10:N0} items"));
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => worker.InitializeAsync(cancellationToken);

    public Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken) =>
        TimeAsync("CreateInstance", () => client.CreateInstanceAsync(instance, cancellationToken));

    public async Task<InstanceClaim> ClaimInstanceAsync(string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken)
    {
        var claim = await TimeAsync("ClaimInstance", () => worker.ClaimInstanceAsync(owner, leaseDuration, maxMessages, cancellationToken));
        Count(claim.Item is null ? NothingClaimed : "  (claims: messages)", claim.Item?.Messages.Count ?? 0);
        return claim;
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellationToken) =>
        TimeAsync("GetHistory", () => worker.GetHistoryAsync(instanceId, executionId, cancellationToken));

    public Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken) =>
        TimeAsync("CommitStep", () => worker.CommitStepAsync(commit, cancellationToken));

    public Task<IReadOnlyList<ActivityWorkItem>?> CommitStepKeepingActivitiesAsync(StepCommit commit, TimeSpan activityLease, CancellationToken cancellationToken) =>
        TimeAsync("CommitStepKeepingActivities", () => worker.CommitStepKeepingActivitiesAsync(commit, activityLease, cancellationToken));

    public async Task<IReadOnlyList<ActivityWorkItem>?> CompleteActivitiesWithStepAsync(
        string owner, IReadOnlyList<ActivityResult> results, long lastSequence, StepCommit step, TimeSpan activityLease, CancellationToken cancellationToken)
    {
        var kept = await TimeAsync("CompleteActivitiesWithStep", () => worker.CompleteActivitiesWithStepAsync(owner, results, lastSequence, step, activityLease, cancellationToken));
        Count(kept is null ? "  (results refused a step, stored apart)" : "  (results committed with their next step)", results.Count);
        return kept;
    }

    public Task AbandonInstanceAsync(string instanceId, string owner, CancellationToken cancellationToken) =>
        TimeAsync("AbandonInstance", () => worker.AbandonInstanceAsync(instanceId, owner, cancellationToken));

    public async Task<IReadOnlyList<ActivityWorkItem>> ClaimActivitiesAsync(string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var claimed = await TimeAsync("ClaimActivities", () => worker.ClaimActivitiesAsync(owner, maxCount, leaseDuration, cancellationToken));
        Count(claimed.Count == 0 ? NoActivityClaimed : "  (activity claims: activities)", claimed.Count);
        return claimed;
    }

    public Task<int> RenewActivityLeasesAsync(string owner, IReadOnlyCollection<long> activityIds, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        TimeAsync("RenewActivityLeases", () => worker.RenewActivityLeasesAsync(owner, activityIds, leaseDuration, cancellationToken));

    public async Task<IReadOnlyList<bool>> CompleteActivitiesAsync(string owner, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken)
    {
        var stored = await TimeAsync("CompleteActivities", () => worker.CompleteActivitiesAsync(owner, results, cancellationToken));
        Count("  (completions: results)", results.Count);
        return stored;
    }

    public Task AbandonActivityAsync(long activityId, string owner, CancellationToken cancellationToken) =>
        TimeAsync("AbandonActivity", () => worker.AbandonActivityAsync(activityId, owner, cancellationToken));

    public Task<InstanceWithHistory?> GetInstanceWithHistoryAsync(string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        TimeAsync("GetInstanceWithHistory", () => client.GetInstanceWithHistoryAsync(instanceId, includeInputsOutputs, cancellationToken));

    public Task<InstanceState?> GetInstanceAsync(string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        TimeAsync("GetInstance", () => client.GetInstanceAsync(instanceId, includeInputsOutputs, cancellationToken));

    public Task<InstanceStatePage> QueryInstancesAsync(WorkflowQuery query, CancellationToken cancellationToken) =>
        TimeAsync("QueryInstances", () => client.QueryInstancesAsync(query, cancellationToken));

    public Task<WorkflowRuntimeStatus?> EnqueueMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken) =>
        TimeAsync("EnqueueMessage", () => client.EnqueueMessageAsync(instanceId, message, cancellationToken));

    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        TimeAsync("PurgeInstance", () => client.PurgeInstanceAsync(instanceId, cancellationToken));

    public Task<int> PurgeInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken) =>
        TimeAsync("PurgeInstances", () => client.PurgeInstancesAsync(filter, cancellationToken));

    private async Task TimeAsync(string name, Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            Add(name, Stopwatch.GetTimestamp() - start, 0);
        }
    }

    private async Task<T> TimeAsync<T>(string name, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Add(name, Stopwatch.GetTimestamp() - start, 0);
        }
    }

    private void Count(string name, int items) => Add(name, 0, items);

    private void Add(string name, long ticks, int items)
    {
        var counter = _counters.GetOrAdd(name, _ => new Counter());
        Interlocked.Increment(ref counter.Calls);
        Interlocked.Add(ref counter.Ticks, ticks);
        Interlocked.Add(ref counter.Items, items);
    }

    private sealed class Counter
    {
        public long Calls;
        public long Ticks;
        public long Items;
    }
}
