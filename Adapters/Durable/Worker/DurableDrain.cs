using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// The bounded run of the runtime for hosts without background loops (Lambda): the same steps and activities as the
/// worker's loops, claimed and run until nothing is ready or the token fires. Wake-ups for work it then does itself
/// are not sent; those for timers are, and so is everything when time ran out.
/// </summary>
internal sealed class DurableDrain(
    IOrchestrationWorkerStore store,
    OrchestrationStepExecutor steps,
    ActivityExecutor activities,
    ActivityLeaseRenewal renewal,
    WakeupSender wakeups,
    IOptions<DurableOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IDurableDrain
{
    private readonly DurableOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger(DurableLog.Category);

    private string Owner => _options.WorkerId;

    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var deferred = new List<DurableWakeup>();
        int stepsRun = 0, activitiesRun = 0;
        try
        {
            var progressed = true;
            while (progressed && !cancellationToken.IsCancellationRequested)
            {
                progressed = false;
                while (!cancellationToken.IsCancellationRequested
                    && await store.ClaimNextInstanceAsync(
                        Owner, _options.OrchestrationLeaseDuration, _options.MaxMessagesPerStep, cancellationToken) is { } item)
                {
                    await steps.RunAsync(item, cancellationToken, deferred);
                    stepsRun++;
                    progressed = true;
                }

                var batch = await store.ClaimActivitiesAsync(
                    Owner, Math.Max(1, _options.MaxConcurrentActivityFunctions), _options.ActivityLeaseDuration, cancellationToken);
                if (batch.Count > 0)
                {
                    activitiesRun += await RunActivityBatchAsync(batch, cancellationToken);
                    progressed = true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        var finished = !cancellationToken.IsCancellationRequested;

        // Work the drain did itself needs no wake-up; timers still do, and so does everything when time ran out.
        var now = time.GetUtcNow();
        await wakeups.SendAsync(finished ? [.. deferred.Where(wakeup => wakeup.DueAt > now)] : deferred);
        if (stepsRun + activitiesRun > 0 || !finished)
        {
            DurableLog.Drained(_logger, stepsRun, activitiesRun, finished);
        }
        else
        {
            DurableLog.DrainedNothing(_logger);
        }

        return new DrainResult(stepsRun, activitiesRun, finished);
    }

    /// <summary>Runs a claimed batch at once and stores its results in one transaction, even past the deadline: the work is done.</summary>
    private async Task<int> RunActivityBatchAsync(IReadOnlyList<ActivityWorkItem> batch, CancellationToken cancellationToken)
    {
        using var batchDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = renewal.RunAsync(() => batch, batchDone.Token);
        HistoryEvent?[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(batch.Select(activity => activities.ExecuteAsync(activity, cancellationToken)));
        }
        finally
        {
            await batchDone.CancelAsync();
            await renewing;
        }

        List<ActivityResult> results = [.. batch.Zip(outcomes)
            .Where(pair => pair.Second is not null)
            .Select(pair => new ActivityResult(pair.First, pair.Second!))];
        if (results.Count == 0)
        {
            return 0;
        }

        var stored = await store.CompleteActivitiesAsync(Owner, results, CancellationToken.None);
        for (var i = 0; i < results.Count; i++)
        {
            if (!stored[i])
            {
                var activity = results[i].Activity;
                DurableLog.ActivityResultDropped(_logger, activity.InstanceId, activity.Name, activity.TaskId);
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            await wakeups.SendAsync(WakeupSender.ForStoredResults(results, stored));
        }

        return results.Count;
    }
}
