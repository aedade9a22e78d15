using Microsoft.Extensions.Logging;

namespace Portable.Core.Workflows;

/// <summary>
/// What orchestrator code may do. Modelled on durabletask-dotnet's <c>TaskOrchestrationContext</c> so
/// the Azure host can wrap that thinly, while the portable runtime replays it from its own history.
/// Orchestrator code must be deterministic: only the tasks returned here (and <c>Task.WhenAll</c> /
/// <c>Task.WhenAny</c> over them) may be awaited, and time, GUIDs and logging come from this context.
/// Cancel timers and waits with <c>CancellationTokenSource.Cancel()</c>, never <c>CancelAsync()</c>,
/// which would run the cancellation on another thread.
/// </summary>
public abstract class WorkflowContext
{
    public abstract string InstanceId { get; }

    public abstract string Name { get; }

    /// <summary>True while the code re-runs over recorded history; side effects belong in activities.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Replay-safe current time: the time the current step started, as recorded in history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract T? GetInput<T>();

    public abstract Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null);

    public abstract Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Calls <paramref name="activity"/> with an input of the type it takes, for an output of the type it gives.</summary>
    public Task<TOutput> CallActivityAsync<TInput, TOutput>(ActivityReference<TInput, TOutput> activity, TInput input, TaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return CallActivityAsync<TOutput>(activity.Name, input, options);
    }

    public abstract Task<T> CallSubOrchestratorAsync<T>(
        string name, object? input = null, SubOrchestrationOptions? options = null);

    public abstract Task CallSubOrchestratorAsync(
        string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Runs <paramref name="workflow"/> as a sub-orchestration, type-checked as <see cref="CallActivityAsync{TInput, TOutput}"/> is.</summary>
    public Task<TOutput> CallSubOrchestratorAsync<TInput, TOutput>(
        WorkflowReference<TInput, TOutput> workflow, TInput input, SubOrchestrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return CallSubOrchestratorAsync<TOutput>(workflow.Name, input, options);
    }

    /// <summary>A durable timer; cancelling it abandons the wait (the recorded timer still fires, unseen).</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// The next event of that name (case-insensitive). Events raised before the wait are buffered
    /// and delivered in the order they arrived.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/>, throwing
    /// <see cref="TimeoutException"/> when a durable timer of <paramref name="timeout"/> fires first.</summary>
    public virtual async Task<T> WaitForExternalEvent<T>(
        string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);
        if (eventTask.IsCompleted)
        {
            // A buffered event needs no timer; the same holds on replay, so this stays deterministic.
            return await eventTask;
        }

        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timerTask = CreateTimer(timeout, timerCancellation.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
        // Cancel, not CancelAsync: cancellation callbacks must run on the orchestrator's own thread.
        if (winner == eventTask)
        {
            timerCancellation.Cancel();
            return await eventTask;
        }

        // Stop waiting, so an event that arrives later is buffered for the next wait instead of lost.
        eventCancellation.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Event '{eventName}' did not arrive within {timeout}.");
    }

    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution and starts a new one with <paramref name="newInput"/> and an empty history
    /// once the orchestrator returns. Buffered external events move to the new execution when asked.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (name-based, from the instance and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays silent while the code replays, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
