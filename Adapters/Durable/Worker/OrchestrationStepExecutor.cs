using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.Replay;
using Portable.Adapters.Durable.Store;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;
using Activity = System.Diagnostics.Activity;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Runs one claimed orchestration step: the history (from the cache while it is current), the replay over it and the
/// new messages, one commit while the lease is ours, then the wake-ups for what the step created. A step that fails
/// is released, so that it runs again. The worker's loops and the drain share it, and its history cache. With the
/// worker's <see cref="InlineActivities"/> the activities a step schedules are kept and run at once, and their results
/// commit with the next step (<see cref="RunInlineAsync"/>).
/// </summary>
internal sealed class OrchestrationStepExecutor(
    IOrchestrationWorkerStore store,
    WorkflowRegistry registry,
    IDataConverter converter,
    HistoryCache cache,
    DurableSignals signals,
    WakeupSender wakeups,
    IOptions<DurableOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = loggerFactory.CreateLogger(DurableLog.Category);
    private readonly OrchestrationRunner _runner = new(registry, converter, loggerFactory, time);
    private readonly string _owner = options.Value.WorkerId;
    private readonly TimeSpan _activityLease = options.Value.ActivityLeaseDuration;

    /// <param name="item">The claimed instance.</param>
    /// <param name="aborting">Interrupts the step; it is then released.</param>
    /// <param name="deferred">Collects the step's wake-ups instead of sending them (a drain runs the work itself).</param>
    /// <param name="inline">Keeps and runs the activities the step schedules, when given.</param>
    public async Task RunAsync(
        InstanceWorkItem item, CancellationToken aborting, List<DurableWakeup>? deferred = null, InlineActivities? inline = null)
    {
        using var scope = WorkScope.Instance(_logger, item.Name, item.InstanceId);
        Activity? span = null;
        try
        {
            // A first step has no history to load.
            var history = item.LastSequence == 0
                ? []
                : cache.TryGet(item.InstanceId, item.ExecutionId, item.LastSequence)
                    ?? await store.GetHistoryAsync(item.InstanceId, item.ExecutionId, aborting);
            span = DurableTracing.StartStep(item, history);
            var result = _runner.Run(item, history, _owner);
            IReadOnlyList<ActivityWorkItem> kept = [];
            bool committed;
            if (inline is not null && result.ScheduledActivities)
            {
                var keeping = await store.CommitStepKeepingActivitiesAsync(result.Commit, _activityLease, aborting);
                committed = keeping is not null;
                kept = keeping ?? [];
            }
            else
            {
                committed = await store.CommitStepAsync(result.Commit, aborting);
            }

            if (!committed)
            {
                cache.Remove(item.InstanceId);
                span?.SetTag("portable.step.outcome", "lease-lost");
                DurableLog.LeaseLost(_logger, item.InstanceId);
                return;
            }

            span?.SetTag("portable.workflow.status", result.Commit.Status?.ToString());
            var created = AfterCommit(item, result, kept.Count);
            if (kept.Count > 0)
            {
                inline!.Keep(item, kept);
            }

            if (deferred is null)
            {
                await wakeups.SendAsync(created);
            }
            else
            {
                deferred.AddRange(created);
            }
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(span, exception);
            cache.Remove(item.InstanceId);
            if (exception is not OperationCanceledException || !aborting.IsCancellationRequested)
            {
                DurableLog.StepFailed(_logger, item.InstanceId, exception);
            }

            await LeaseRelease.RunAsync(() => store.AbandonInstanceAsync(item.InstanceId, _owner, CancellationToken.None), _logger);
        }
        finally
        {
            span?.Dispose();
        }
    }

    /// <summary>
    /// The next step of an instance whose activities this worker kept: replays the history it cached with their
    /// results and commits results and step together, where the store allows (<see cref="IOrchestrationWorkerStore.CompleteActivitiesWithStepAsync"/>).
    /// Returns the activities that step kept in turn, or null when it could not be done so (no current history here,
    /// the instance held or moved on elsewhere, a message waiting, a row no longer ours): nothing is written then, and
    /// the caller stores the results the ordinary way.
    /// </summary>
    public async Task<IReadOnlyList<ActivityWorkItem>?> RunInlineAsync(
        InstanceWorkItem template, IReadOnlyList<ActivityResult> results, CancellationToken aborting)
    {
        var first = results[0].Activity;
        if (cache.Current(first.InstanceId, first.ExecutionId) is not { } history)
        {
            return null;
        }

        var item = template with
        {
            Status = WorkflowRuntimeStatus.Running,
            LastSequence = history.Count,
            Messages = [.. results.Select(r => new InboxMessage(0, r.Activity.ExecutionId, r.Result))],
        };
        using var scope = WorkScope.Instance(_logger, item.Name, item.InstanceId);
        using var span = DurableTracing.StartStep(item, history);
        var result = _runner.Run(item, history, _owner);
        if (result.Commit.Status is null || result.Commit.SubOrchestrations.Count > 0 || result.Commit.ContinueAsNew is not null)
        {
            // Only duplicates, or a step that needs the claim path's reads: the ordinary way.
            return null;
        }

        var commit = result.Commit with { ConsumedMessageIds = [] };
        var kept = await store.CompleteActivitiesWithStepAsync(_owner, results, item.LastSequence, commit, _activityLease, aborting);
        if (kept is null)
        {
            span?.SetTag("portable.step.outcome", "inline-refused");
            return null;
        }

        span?.SetTag("portable.workflow.status", commit.Status?.ToString());
        await wakeups.SendAsync(AfterCommit(item, result with { Commit = commit }, kept.Count));
        return kept;
    }

    private List<DurableWakeup> AfterCommit(InstanceWorkItem item, StepResult result, int keptActivities)
    {
        var commit = result.Commit;
        if (commit.Status is { } status && (status.IsTerminal() || commit.ContinueAsNew is not null))
        {
            cache.Remove(item.InstanceId);
        }
        else
        {
            cache.Set(item.InstanceId, item.ExecutionId, result.History);
        }

        if (commit.Status is { } outcome && outcome.IsTerminal())
        {
            PortableMetrics.OrchestrationEnded(item.Name, outcome.ToString());
        }

        switch (commit.Status)
        {
            case WorkflowRuntimeStatus.Completed:
                DurableLog.InstanceCompleted(_logger, item.InstanceId, item.Name);
                break;
            case WorkflowRuntimeStatus.Failed when result.Failure is { } failure:
                DurableLog.InstanceFailed(_logger, item.InstanceId, item.Name, failure.ErrorType, failure.ErrorMessage);
                break;
            case WorkflowRuntimeStatus.Terminated:
                DurableLog.InstanceTerminated(_logger, item.InstanceId, item.Name);
                break;
        }

        if (commit.Status is { } ended && ended.IsTerminal())
        {
            signals.Completions.Set();
        }

        return WakeupsOf(commit, keptActivities);
    }

    /// <summary>The work a committed step created: its activities (those this worker did not keep), its timers, and messages to itself and others.</summary>
    private List<DurableWakeup> WakeupsOf(StepCommit commit, int keptActivities)
    {
        var now = _time.GetUtcNow();
        var created = new List<DurableWakeup>();
        if (commit.Activities.Count > keptActivities)
        {
            created.Add(new DurableWakeup(commit.InstanceId, DurableWork.Activity));
        }

        created.AddRange(commit.Messages.Select(message =>
            new DurableWakeup(message.InstanceId, DurableWork.Orchestration, message.VisibleAt > now ? message.VisibleAt : null)));
        created.AddRange(commit.SubOrchestrations.Select(child =>
            new DurableWakeup(child.InstanceId, DurableWork.Orchestration, child.StartAt > now ? child.StartAt : null)));
        if (commit.ContinueAsNew is not null)
        {
            created.Add(new DurableWakeup(commit.InstanceId, DurableWork.Orchestration));
        }

        return created;
    }
}
