using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// The runtime's background loops, for long-running hosts: an orchestration loop running up to N steps at once (one
/// claim and one commit per step),
/// the activities those steps schedule run here at once (<see cref="InlineActivities"/>, their results committed with
/// the next step where the store allows), an activity loop that claims the others (a dead worker's, the drain's) in
/// batches up to M at once, lease renewal for both, and the batching of results stored the ordinary way. Stopping stops claiming and lets running work finish within the host's shutdown timeout; after
/// that, running steps and activities are interrupted and their leases released so another worker redoes them.
/// </summary>
internal sealed class DurableWorker(
    IOrchestrationWorkerStore store,
    OrchestrationStepExecutor steps,
    ActivityExecutor activities,
    ActivityLeaseRenewal renewal,
    WakeupSender wakeups,
    DurableSignals signals,
    IOptions<DurableOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private readonly DurableOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger(DurableLog.Category);
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly LastLook _activitiesLooked = new();
    private Task[] _loops = [];
    private InlineActivities? _inline;
    private bool _disposed;

    private string Owner => _options.WorkerId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The initializer may not have run yet: hosts may start their services concurrently.
        await store.InitializeAsync(cancellationToken);
        var orchestrators = Math.Max(1, _options.MaxConcurrentOrchestratorFunctions);
        var activitySlots = Math.Max(1, _options.MaxConcurrentActivityFunctions);
        var completions = new ActivityCompletions(store, Owner, wakeups);
        var inline = _inline = new InlineActivities(store, steps, activities, completions, _options, _logger);
        var orchestration = Task.Run(() => OrchestrationLoop(orchestrators, inline).RunAsync(_stopClaiming.Token, _abort.Token), CancellationToken.None);
        _loops =
        [
            orchestration,
            Task.Run(() => RunActivitiesAsync(activitySlots, completions, orchestration, inline), CancellationToken.None),
            Task.Run(() => completions.RunAsync(_abort.Token), CancellationToken.None),
        ];
        DurableLog.WorkerStarted(_logger, Owner, orchestrators, activitySlots);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may dispose its services before it stops them (a test server's disposal does): then Dispose has ended the loops.
        if (_loops.Length == 0 || _disposed)
        {
            return;
        }

        await _stopClaiming.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout passed: interrupt what still runs; it releases its leases.
            await _abort.CancelAsync();
            if (_inline is { } inline)
            {
                await inline.AbortAsync();
            }

            await Task.WhenAll(_loops);
        }

        DurableLog.WorkerStopped(_logger, Owner);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopClaiming.Cancel();
        _abort.Cancel();
        _inline?.Dispose();
        _stopClaiming.Dispose();
        _abort.Dispose();
    }

    /// <summary>One instance a claim, up to <paramref name="slots"/> steps at once: a slot is free again once its step has committed.</summary>
    private PollLoop<InstanceWorkItem> OrchestrationLoop(int slots, InlineActivities inline) => new(
        "orchestration",
        slots,
        perClaim: 1,
        claimAsync: async (_, token) =>
        {
            var claim = await store.ClaimInstanceAsync(Owner, _options.OrchestrationLeaseDuration, _options.MaxMessagesPerStep, token);

            // The claim looked at the activities too: the activity loop need not poll while claims come this often.
            _activitiesLooked.Seen(time.GetUtcNow());
            if (claim.ActivitiesReady)
            {
                signals.Activities.Announce(1);
            }

            return claim.Item is { } item
                ? new PolledWork<InstanceWorkItem>([item], claim.MoreReady, null)
                : new PolledWork<InstanceWorkItem>([], false, claim.NextDue);
        },
        runAsync: item => steps.RunAsync(item, _abort.Token, inline: inline),
        signals.Orchestrations,
        renewLeasesAsync: null,
        lookedElsewhere: null,
        _options,
        time,
        _logger);

    /// <summary>
    /// Runs claimed activities until stopped, renews the leases of the kept ones beside them, then lets the completions
    /// end once the steps have ended and the last kept activity's result is stored.
    /// </summary>
    private async Task RunActivitiesAsync(int slots, ActivityCompletions completions, Task orchestration, InlineActivities inline)
    {
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        var renewingKept = renewal.RunAsync(() => inline.Held, renewing.Token);
        var loop = new PollLoop<ActivityWorkItem>(
            "activity",
            slots,
            perClaim: slots,
            claimAsync: async (count, token) =>
            {
                // A full batch may have left more behind.
                var claimed = await store.ClaimActivitiesAsync(Owner, count, _options.ActivityLeaseDuration, token);
                return new PolledWork<ActivityWorkItem>(claimed, claimed.Count == count, null);
            },
            runAsync: activity => RunActivityAsync(activity, completions),
            signals.Activities,
            renewLeasesAsync: renewal.RunAsync,
            lookedElsewhere: _activitiesLooked,
            _options,
            time,
            _logger);
        try
        {
            await loop.RunAsync(_stopClaiming.Token, _abort.Token);
            await orchestration;
            await inline.StopAsync();
        }
        finally
        {
            await renewing.CancelAsync();
            await renewingKept;
            completions.Complete();
        }
    }

    private async Task RunActivityAsync(ActivityWorkItem activity, ActivityCompletions completions)
    {
        try
        {
            if (await activities.ExecuteAsync(activity, _abort.Token) is not { } result)
            {
                return;
            }

            if (!await completions.StoreAsync(new ActivityResult(activity, result)))
            {
                DurableLog.ActivityResultDropped(_logger, activity.InstanceId, activity.Name, activity.TaskId);
            }
        }
        catch (Exception exception)
        {
            DurableLog.ActivityCompletionFailed(_logger, activity.InstanceId, activity.Name, activity.TaskId, exception);
        }
    }
}
