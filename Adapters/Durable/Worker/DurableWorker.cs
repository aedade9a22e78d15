using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Replay;
using Portable.Adapters.Durable.Store;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;
using Activity = System.Diagnostics.Activity;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Runs workflows from the store: N orchestration loops (one claim and one commit per step) and an
/// activity dispatcher that claims activities in batches up to M at once. Idle loops sleep until an
/// in-process signal, the next due timer, or an exponentially growing poll interval. Stopping stops
/// claiming and lets running work finish within the host's shutdown timeout; after that, running
/// activities are cancelled and their leases released so another worker redoes them. Hosts without
/// background loops call <see cref="DrainAsync"/> instead, which runs the same steps and activities.
/// </summary>
internal sealed class DurableWorker : IHostedService, IDurableDrain, IDisposable
{
    private readonly IOrchestrationWorkerStore _store;
    private readonly WorkflowRegistry _registry;
    private readonly IDataConverter _converter;
    private readonly IServiceScopeFactory _scopes;
    private readonly DurableSignals _signals;
    private readonly IDurableWakeups _wakeups;
    private readonly DurableOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OrchestrationRunner _runner;
    private readonly HistoryCache _cache;
    private readonly ConcurrentDictionary<long, Task> _runningActivities = new();
    private readonly Channel<PendingCompletion> _completions =
        Channel.CreateUnbounded<PendingCompletion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly CancellationTokenSource _abort = new();
    private Task[] _loops = [];

    public DurableWorker(
        IOrchestrationWorkerStore store,
        WorkflowRegistry registry,
        IDataConverter converter,
        IServiceScopeFactory scopes,
        DurableSignals signals,
        IDurableWakeups wakeups,
        IOptions<DurableOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _store = store;
        _registry = registry;
        _converter = converter;
        _scopes = scopes;
        _signals = signals;
        _wakeups = wakeups;
        _options = options.Value;
        _time = time;
        _logger = loggerFactory.CreateLogger<DurableWorker>();
        _runner = new OrchestrationRunner(registry, converter, loggerFactory, time);
        _cache = new HistoryCache(_options.HistoryCacheSize);
    }

    private string Owner => _options.WorkerId;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.EnableWorker)
        {
            return;
        }

        await _store.InitializeAsync(cancellationToken);
        var orchestrators = Math.Max(1, _options.MaxConcurrentOrchestratorFunctions);
        var activities = Math.Max(1, _options.MaxConcurrentActivityFunctions);
        var loops = new List<Task>();
        for (var i = 0; i < orchestrators; i++)
        {
            loops.Add(Task.Run(RunOrchestrationLoopAsync, CancellationToken.None));
        }

        loops.Add(Task.Run(() => RunActivityDispatcherAsync(activities), CancellationToken.None));
        loops.Add(Task.Run(RunCompletionLoopAsync, CancellationToken.None));
        _loops = [.. loops];
        DurableLog.WorkerStarted(_logger, Owner, orchestrators, activities);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loops.Length == 0)
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
            await Task.WhenAll(_loops);
        }

        DurableLog.WorkerStopped(_logger, Owner);
    }

    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken);
        var deferred = new List<DurableWakeup>();
        int steps = 0, activities = 0;
        try
        {
            var progressed = true;
            while (progressed && !cancellationToken.IsCancellationRequested)
            {
                progressed = false;
                while (!cancellationToken.IsCancellationRequested
                    && await _store.ClaimNextInstanceAsync(
                        Owner, _options.OrchestrationLeaseDuration, _options.MaxMessagesPerStep, cancellationToken) is { } item)
                {
                    await ProcessStepAsync(item, cancellationToken, deferred);
                    steps++;
                    progressed = true;
                }

                var batch = await _store.ClaimActivitiesAsync(
                    Owner, Math.Max(1, _options.MaxConcurrentActivityFunctions), _options.ActivityLeaseDuration, cancellationToken);
                if (batch.Count > 0)
                {
                    activities += await RunActivityBatchAsync(batch, cancellationToken);
                    progressed = true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        var finished = !cancellationToken.IsCancellationRequested;

        // Work the drain did itself needs no wake-up; timers still do, and so does everything when time ran out.
        var now = _time.GetUtcNow();
        await WakeAsync(finished ? [.. deferred.Where(wakeup => wakeup.DueAt > now)] : deferred);
        DurableLog.Drained(_logger, steps, activities, finished);
        return new DrainResult(steps, activities, finished);
    }

    public void Dispose()
    {
        _stopClaiming.Dispose();
        _abort.Dispose();
    }

    private async Task RunOrchestrationLoopAsync()
    {
        var stopping = _stopClaiming.Token;
        var backoff = _options.MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            var wake = _signals.Orchestrations.Current;
            InstanceWorkItem? item;
            try
            {
                item = await _store.ClaimNextInstanceAsync(
                    Owner, _options.OrchestrationLeaseDuration, _options.MaxMessagesPerStep, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                DurableLog.PollFailed(_logger, exception);
                item = null;
            }

            if (item is null)
            {
                await IdleAsync(wake, backoff, stopping);
                backoff = Grow(backoff);
                continue;
            }

            backoff = _options.MinPollingInterval;
            await ProcessStepAsync(item, _abort.Token, deferred: null);
        }
    }

    /// <param name="deferred">Collects the step's wake-ups instead of sending them (a drain runs the work itself).</param>
    private async Task ProcessStepAsync(InstanceWorkItem item, CancellationToken aborting, List<DurableWakeup>? deferred)
    {
        using var scope = WorkScope.Instance(_logger, item.Name, item.InstanceId);
        Activity? span = null;
        try
        {
            // A first step has no history to load.
            var history = item.LastSequence == 0
                ? []
                : _cache.TryGet(item.InstanceId, item.ExecutionId, item.LastSequence)
                    ?? await _store.GetHistoryAsync(item.InstanceId, item.ExecutionId, aborting);
            span = DurableTracing.StartStep(item, history);
            var result = _runner.Run(item, history, Owner);
            if (!await _store.CommitStepAsync(result.Commit, aborting))
            {
                _cache.Remove(item.InstanceId);
                span?.SetTag("portable.step.outcome", "lease-lost");
                DurableLog.LeaseLost(_logger, item.InstanceId);
                return;
            }

            span?.SetTag("portable.workflow.status", result.Commit.Status?.ToString());
            var wakeups = AfterCommit(item, result);
            if (deferred is null)
            {
                await WakeAsync(wakeups);
            }
            else
            {
                deferred.AddRange(wakeups);
            }
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(span, exception);
            _cache.Remove(item.InstanceId);
            if (exception is not OperationCanceledException || !aborting.IsCancellationRequested)
            {
                DurableLog.StepFailed(_logger, item.InstanceId, exception);
            }

            await ReleaseAsync(() => _store.AbandonInstanceAsync(item.InstanceId, Owner, CancellationToken.None));
        }
        finally
        {
            span?.Dispose();
        }
    }

    private List<DurableWakeup> AfterCommit(InstanceWorkItem item, StepResult result)
    {
        var commit = result.Commit;
        if (commit.Status is { } status && (status.IsTerminal() || commit.ContinueAsNew is not null))
        {
            _cache.Remove(item.InstanceId);
        }
        else
        {
            _cache.Set(item.InstanceId, item.ExecutionId, result.History);
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
            _signals.Completions.Set();
        }

        return WakeupsOf(commit);
    }

    /// <summary>The work a committed step created: its activities, its timers, and messages to itself and others.</summary>
    private List<DurableWakeup> WakeupsOf(StepCommit commit)
    {
        var now = _time.GetUtcNow();
        var wakeups = new List<DurableWakeup>();
        if (commit.Activities.Count > 0)
        {
            wakeups.Add(new DurableWakeup(commit.InstanceId, DurableWork.Activity));
        }

        wakeups.AddRange(commit.Messages.Select(message =>
            new DurableWakeup(message.InstanceId, DurableWork.Orchestration, message.VisibleAt > now ? message.VisibleAt : null)));
        wakeups.AddRange(commit.SubOrchestrations.Select(child =>
            new DurableWakeup(child.InstanceId, DurableWork.Orchestration, child.StartAt > now ? child.StartAt : null)));
        if (commit.ContinueAsNew is not null)
        {
            wakeups.Add(new DurableWakeup(commit.InstanceId, DurableWork.Orchestration));
        }

        return wakeups;
    }

    private async Task RunActivityDispatcherAsync(int maxConcurrent)
    {
        var stopping = _stopClaiming.Token;
        using var slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        var renewing = RenewActivityLeasesAsync(renewal.Token);
        var backoff = _options.MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Claim as many as there are free slots, in one round trip.
            var free = 1;
            while (free < maxConcurrent && slots.Wait(0))
            {
                free++;
            }

            var wake = _signals.Activities.Current;
            IReadOnlyList<ActivityWorkItem> batch;
            try
            {
                batch = await _store.ClaimActivitiesAsync(Owner, free, _options.ActivityLeaseDuration, stopping);
            }
            catch (Exception exception)
            {
                if (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    DurableLog.PollFailed(_logger, exception);
                }

                batch = [];
            }

            if (free > batch.Count)
            {
                slots.Release(free - batch.Count);
            }

            if (batch.Count == 0)
            {
                await IdleAsync(wake, backoff, stopping, checkTimers: false);
                backoff = Grow(backoff);
                continue;
            }

            backoff = _options.MinPollingInterval;
            foreach (var activity in batch)
            {
                _runningActivities[activity.Id] = RunActivityAsync(activity, slots);
            }
        }

        await Task.WhenAll(_runningActivities.Values);
        _completions.Writer.Complete();
        await renewal.CancelAsync();
        await renewing;
    }

    private async Task RunActivityAsync(ActivityWorkItem activity, SemaphoreSlim slots)
    {
        try
        {
            if (await ExecuteActivityAsync(activity, _abort.Token) is not { } result)
            {
                return;
            }

            var completion = new PendingCompletion(
                new ActivityResult(activity, result), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            _completions.Writer.TryWrite(completion);
            if (!await completion.Stored.Task)
            {
                DurableLog.ActivityResultDropped(_logger, activity.InstanceId, activity.Name, activity.TaskId);
            }
        }
        catch (Exception exception)
        {
            DurableLog.ActivityCompletionFailed(_logger, activity.InstanceId, activity.Name, activity.TaskId, exception);
        }
        finally
        {
            _runningActivities.TryRemove(activity.Id, out _);
            slots.Release();
        }
    }

    /// <summary>
    /// Runs a claimed activity to its TaskCompleted or TaskFailed event; null when <paramref name="aborting"/>
    /// interrupted it, in which case its lease is released so that it runs again elsewhere.
    /// </summary>
    private async Task<HistoryEvent?> ExecuteActivityAsync(ActivityWorkItem activity, CancellationToken aborting)
    {
        // Off the caller's thread at once: the activity may block before its first await.
        await Task.Yield();
        using var scope = WorkScope.Activity(_logger, activity.Name, activity.InstanceId, activity.TaskId);
        using var span = DurableTracing.StartActivityRun(activity, await TraceParentAsync(activity, aborting));
        try
        {
            var output = await InvokeActivityAsync(activity, aborting);
            if (string.Equals(_options.CrashAfterActivity, activity.Name, StringComparison.OrdinalIgnoreCase))
            {
                DurableLog.CrashInjected(_logger, activity.InstanceId, activity.Name, activity.TaskId);
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            }

            return new TaskCompleted(_time.GetUtcNow().UtcDateTime, activity.TaskId, output);
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            await ReleaseAsync(() => _store.AbandonActivityAsync(activity.Id, Owner, CancellationToken.None));
            DurableLog.ActivityReleased(_logger, activity.InstanceId, activity.Name, activity.TaskId);
            return null;
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(span, exception);
            var failure = TaskFailureDetails.FromException(exception);
            DurableLog.ActivityFailed(
                _logger, activity.InstanceId, activity.Name, activity.TaskId, activity.Attempt,
                failure.ErrorType, failure.ErrorMessage, exception);
            return new TaskFailed(_time.GetUtcNow().UtcDateTime, activity.TaskId, failure);
        }
    }

    /// <summary>
    /// The instance's trace context for an activity span: from the history this worker cached at the step that
    /// scheduled it, else (another worker's step, or a restart) from the stored start event. Only read while traced.
    /// </summary>
    private async Task<string?> TraceParentAsync(ActivityWorkItem activity, CancellationToken cancellationToken)
    {
        if (!PortableTelemetry.Source.HasListeners())
        {
            return null;
        }

        if (_cache.StartOf(activity.InstanceId, activity.ExecutionId) is { } cached)
        {
            return cached.TraceParent;
        }

        try
        {
            var history = await _store.GetHistoryAsync(activity.InstanceId, activity.ExecutionId, cancellationToken);
            return DurableTracing.StartOf(history)?.TraceParent;
        }
        catch (Exception exception)
        {
            // A span without its parent beats an activity that does not run (a cancelled read is the run's to notice).
            DurableLog.PollFailed(_logger, exception);
            return null;
        }
    }

    private async Task<string?> InvokeActivityAsync(ActivityWorkItem activity, CancellationToken cancellationToken)
    {
        if (!_registry.TryGetActivity(activity.Name, activity.Version, out var factory))
        {
            throw new InvalidOperationException($"No activity named '{activity.Name}' is registered.");
        }

        await using var scope = _scopes.CreateAsyncScope();
        var instance = factory(scope.ServiceProvider);
        var input = _converter.Deserialize(activity.Input, instance.InputType);
        var context = new ActivityContext(activity.Name, activity.InstanceId, activity.TaskId, activity.Attempt);
        var output = await instance.RunAsync(context, input, cancellationToken);
        return _converter.Serialize(output);
    }

    /// <summary>
    /// Stores activity results in batches: whatever finished while the previous batch was being
    /// written goes in the next transaction, so a fan-in wakes its orchestrator once per batch.
    /// </summary>
    private async Task RunCompletionLoopAsync()
    {
        const int MaxBatch = 500;
        var reader = _completions.Reader;
        var batch = new List<PendingCompletion>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            try
            {
                var stored = await _store.CompleteActivitiesAsync(Owner, [.. batch.Select(c => c.Result)], _abort.Token);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(stored[i]);
                }

                await WakeAsync(CompletedInstances(batch.Select(c => c.Result).ToList(), stored));
            }
            catch (Exception exception)
            {
                foreach (var completion in batch)
                {
                    completion.Stored.TrySetException(exception);
                }
            }
        }
    }

    /// <summary>Keeps the leases of long activities alive until they finish.</summary>
    private async Task RenewActivityLeasesAsync(CancellationToken cancellationToken)
    {
        var period = _options.ActivityLeaseDuration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, _time, cancellationToken);
                var running = _runningActivities.Keys.ToArray();
                if (running.Length > 0)
                {
                    await _store.RenewActivityLeasesAsync(Owner, running, _options.ActivityLeaseDuration, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                DurableLog.PollFailed(_logger, exception);
            }
        }
    }

    private async Task IdleAsync(Task wake, TimeSpan backoff, CancellationToken stopping, bool checkTimers = true)
    {
        var delay = backoff;
        try
        {
            if (checkTimers && await _store.GetNextWakeAsync(stopping) is { } next)
            {
                var untilDue = next - _time.GetUtcNow();
                delay = untilDue < delay ? untilDue : delay;
            }

            await WakeSignal.WaitAsync(wake, delay, _time, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            DurableLog.PollFailed(_logger, exception);
            await WakeSignal.WaitAsync(wake, backoff, _time, CancellationToken.None);
        }
    }

    private TimeSpan Grow(TimeSpan backoff)
    {
        var next = backoff * 2;
        return next > _options.MaxPollingInterval ? _options.MaxPollingInterval : next;
    }

    /// <summary>Runs a claimed batch at once and stores its results in one transaction, even past the deadline: the work is done.</summary>
    private async Task<int> RunActivityBatchAsync(IReadOnlyList<ActivityWorkItem> batch, CancellationToken cancellationToken)
    {
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewActivityLeasesAsync(renewal.Token);
        var running = new Task<HistoryEvent?>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            running[i] = ExecuteActivityAsync(batch[i], cancellationToken);
            _runningActivities[batch[i].Id] = running[i];
        }

        HistoryEvent?[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(running);
        }
        finally
        {
            foreach (var activity in batch)
            {
                _runningActivities.TryRemove(activity.Id, out _);
            }

            await renewal.CancelAsync();
            await renewing;
        }

        List<ActivityResult> results = [.. batch.Zip(outcomes)
            .Where(pair => pair.Second is not null)
            .Select(pair => new ActivityResult(pair.First, pair.Second!))];
        if (results.Count == 0)
        {
            return 0;
        }

        var stored = await _store.CompleteActivitiesAsync(Owner, results, CancellationToken.None);
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
            await WakeAsync(CompletedInstances(results, stored));
        }

        return results.Count;
    }

    private static List<DurableWakeup> CompletedInstances(IReadOnlyList<ActivityResult> results, IReadOnlyList<bool> stored) =>
        [.. results.Where((_, index) => stored[index])
            .Select(result => new DurableWakeup(result.Activity.InstanceId, DurableWork.Orchestration))];

    /// <summary>Sends wake-ups after a commit; a failure only delays the work until a poll or sweep finds it.</summary>
    private async Task WakeAsync(IReadOnlyList<DurableWakeup> wakeups)
    {
        if (wakeups.Count == 0)
        {
            return;
        }

        try
        {
            await _wakeups.WakeAsync(DurableWakeup.Coalesce(wakeups), CancellationToken.None);
        }
        catch (Exception exception)
        {
            DurableLog.WakeupFailed(_logger, exception);
        }
    }

    private async Task ReleaseAsync(Func<Task> release)
    {
        try
        {
            await release();
        }
        catch (Exception exception)
        {
            // The lease then simply expires.
            DurableLog.PollFailed(_logger, exception);
        }
    }

    private sealed record PendingCompletion(ActivityResult Result, TaskCompletionSource<bool> Stored);
}
