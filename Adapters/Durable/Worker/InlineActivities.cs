using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Runs the activities a step of this worker scheduled, where the step ran and without claiming them: the step's
/// commit leased them to this worker, so no other claims them while they run here (their leases are renewed), and a
/// crash leaves them to any worker once the lease passes. Results are gathered per instance: while one commit of an
/// instance is under way, the results that finish wait and go together in the next. Each commit stores the results
/// with the instance's next step (replayed from the cached history) when the store allows it, and keeps the
/// activities that step schedules in turn; otherwise the results are stored the ordinary way and the instance's step
/// runs through a claim. At most <see cref="DurableOptions.MaxConcurrentActivityFunctions"/> run at once; one per worker.
/// </summary>
internal sealed class InlineActivities(
    IOrchestrationWorkerStore store,
    OrchestrationStepExecutor steps,
    ActivityExecutor executor,
    ActivityCompletions completions,
    DurableOptions options,
    ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentActivityFunctions));
    private readonly ConcurrentDictionary<ActivityWorkItem, byte> _held = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Batch> _batches = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _aborting = new();
    private TaskCompletionSource _idle = Idle();
    private int _outstanding;
    private volatile bool _stopping;

    /// <summary>The activities kept here, running or waiting to, whose leases must stay alive.</summary>
    public IReadOnlyCollection<ActivityWorkItem> Held => [.. _held.Keys];

    /// <summary>Starts the activities a committed step of <paramref name="instance"/> kept.</summary>
    public void Keep(InstanceWorkItem instance, IReadOnlyList<ActivityWorkItem> kept)
    {
        lock (_gate)
        {
            if (_outstanding == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _outstanding += kept.Count;
        }

        foreach (var activity in kept)
        {
            // Listed before it starts, so that the renewal sees it; it handles its own failures.
            _held[activity] = 0;
            _ = RunAsync(instance, activity);
        }
    }

    /// <summary>
    /// Returns once every kept activity has run and its result is stored; from now on results go the ordinary way, so
    /// that no further step keeps more work here.
    /// </summary>
    public Task StopAsync()
    {
        _stopping = true;
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <summary>Interrupts the activities running or waiting here; they release their leases.</summary>
    public Task AbortAsync() => _aborting.CancelAsync();

    public void Dispose()
    {
        _slots.Dispose();
        _aborting.Dispose();
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    /// <summary>An activity is done with: its result stored or dropped, or its lease given back.</summary>
    private void Done(ActivityWorkItem activity)
    {
        _held.TryRemove(activity, out _);
        lock (_gate)
        {
            if (--_outstanding == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private async Task RunAsync(InstanceWorkItem instance, ActivityWorkItem activity)
    {
        // Off the committing step's path at once.
        await Task.Yield();
        try
        {
            await _slots.WaitAsync(_aborting.Token);
        }
        catch (OperationCanceledException)
        {
            await LeaseRelease.RunAsync(() => store.AbandonActivityAsync(activity.Id, options.WorkerId, CancellationToken.None), logger);
            Done(activity);
            return;
        }

        HistoryEvent? outcome;
        try
        {
            outcome = await executor.ExecuteAsync(activity, _aborting.Token);
        }
        finally
        {
            _slots.Release();
        }

        if (outcome is null)
        {
            // Interrupted: the executor gave its lease back.
            Done(activity);
            return;
        }

        await DeliverAsync(instance, new ActivityResult(activity, outcome));
    }

    /// <summary>Adds a result to its instance's next commit, and makes that commit when none is under way.</summary>
    private Task DeliverAsync(InstanceWorkItem instance, ActivityResult result)
    {
        Batch batch;
        lock (_gate)
        {
            if (!_batches.TryGetValue(instance.InstanceId, out batch!))
            {
                batch = new Batch(instance);
                _batches[instance.InstanceId] = batch;
            }

            batch.Pending.Add(result);
            if (batch.Committing)
            {
                // The commit under way takes it next.
                return Task.CompletedTask;
            }

            batch.Committing = true;
        }

        return CommitAsync(batch);
    }

    private async Task CommitAsync(Batch batch)
    {
        while (true)
        {
            List<ActivityResult> results;
            lock (_gate)
            {
                if (batch.Pending.Count == 0)
                {
                    batch.Committing = false;
                    _batches.Remove(batch.Instance.InstanceId);
                    return;
                }

                results = [.. batch.Pending];
                batch.Pending.Clear();
            }

            IReadOnlyList<ActivityWorkItem>? next = null;
            try
            {
                next = _stopping ? null : await steps.RunInlineAsync(batch.Instance, results, CancellationToken.None);
            }
            catch (Exception exception)
            {
                DurableLog.PollFailed(logger, exception);
            }

            if (next is null)
            {
                await StoreAsync(results);
            }
            else if (next.Count > 0)
            {
                Keep(batch.Instance, next);
            }

            foreach (var result in results)
            {
                Done(result.Activity);
            }
        }
    }

    /// <summary>The ordinary way: into the instance's inbox, in the worker's next completion batch.</summary>
    private async Task StoreAsync(List<ActivityResult> results)
    {
        foreach (var stored in await Task.WhenAll(results.Select(async result =>
        {
            try
            {
                return (result, Stored: await completions.StoreAsync(result));
            }
            catch (Exception exception)
            {
                var activity = result.Activity;
                DurableLog.ActivityCompletionFailed(logger, activity.InstanceId, activity.Name, activity.TaskId, exception);
                return (result, Stored: true);
            }
        })))
        {
            if (!stored.Stored)
            {
                var activity = stored.result.Activity;
                DurableLog.ActivityResultDropped(logger, activity.InstanceId, activity.Name, activity.TaskId);
            }
        }
    }

    /// <summary>The results of one instance waiting for its next commit.</summary>
    private sealed class Batch(InstanceWorkItem instance)
    {
        public InstanceWorkItem Instance { get; } = instance;

        public List<ActivityResult> Pending { get; } = [];

        public bool Committing { get; set; }
    }
}
