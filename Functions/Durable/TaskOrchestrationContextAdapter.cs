using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Portable.Core.Workflows;
using Portable.Functions.Serialization;
using CoreRetryPolicy = Portable.Core.Workflows.RetryPolicy;
using CoreSubOrchestrationOptions = Portable.Core.Workflows.SubOrchestrationOptions;
using CoreTaskFailedException = Portable.Core.Workflows.TaskFailedException;
using CoreTaskOptions = Portable.Core.Workflows.TaskOptions;
using DurableSubOrchestrationOptions = Microsoft.DurableTask.SubOrchestrationOptions;
using DurableTaskFailedException = Microsoft.DurableTask.TaskFailedException;

namespace Portable.Functions.Durable;

/// <summary>
/// Core's <see cref="WorkflowContext"/> over Durable Functions' <see cref="TaskOrchestrationContext"/>, so Core's
/// workflows run unchanged as Durable orchestrations.
/// </summary>
/// <remarks>
/// <para>Retries run here, with durable timers, rather than through Durable's retry options: each attempt is a new
/// activity task that carries its attempt number (<see cref="ActivityCall"/>), and the policy's predicate sees
/// Core's failure details (<see cref="ActivityResult"/>).</para>
/// <para>Cancellation tokens of timers and event waits are never registered on. Workflows cancel with
/// <c>CancellationTokenSource.Cancel()</c> (never <c>CancelAsync()</c>, which would run a registration on the thread
/// pool, off Durable's replay thread), and none of them depends on a callback here either. Instead, a cancelled token is honoured at the
/// workflow's next call into this context and when the workflow returns: a timer is cancelled (so it does not
/// hold the orchestration open) and an event wait is abandoned, its task cancelled, and an event that later
/// reaches it is kept for the next wait on that name, as Core's contract says.</para>
/// </remarks>
public sealed class TaskOrchestrationContextAdapter : WorkflowContext
{
    private readonly TaskOrchestrationContext _inner;
    private readonly IDataConverter _converter;
    private readonly List<IPendingWork> _pending = [];
    private readonly Dictionary<string, Queue<JsonElement>> _abandonedEvents = new(StringComparer.OrdinalIgnoreCase);
    private int _lastTaskId;

    public TaskOrchestrationContextAdapter(TaskOrchestrationContext inner, IDataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(converter);
        _inner = inner;
        _converter = converter;
    }

    private interface IPendingWork
    {
        /// <summary>Finished, or cancelled by its token and dealt with.</summary>
        bool IsSettled { get; }

        void ApplyCancellation();
    }

    public override string InstanceId => _inner.InstanceId;

    public override string Name => _inner.Name.Name;

    public override bool IsReplaying => _inner.IsReplaying;

    public override DateTime CurrentUtcDateTime => _inner.CurrentUtcDateTime;

    public override T? GetInput<T>()
        where T : default => _inner.GetInput<T>();

    public override async Task<T> CallActivityAsync<T>(string name, object? input = null, CoreTaskOptions? options = null) =>
        Read<T>(await CallActivityCoreAsync(name, input, options));

    public override Task CallActivityAsync(string name, object? input = null, CoreTaskOptions? options = null) =>
        CallActivityCoreAsync(name, input, options);

    public override Task<T> CallSubOrchestratorAsync<T>(string name, object? input = null, CoreSubOrchestrationOptions? options = null)
    {
        ApplyCancellations();
        return WithRetryAsync(options?.Retry, _ => CallSubOrchestratorOnceAsync<T>(name, input, options?.InstanceId));
    }

    public override Task CallSubOrchestratorAsync(string name, object? input = null, CoreSubOrchestrationOptions? options = null) =>
        CallSubOrchestratorAsync<JsonElement?>(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        ApplyCancellations();
        if (!cancellationToken.CanBeCanceled)
        {
            return _inner.CreateTimer(fireAt, CancellationToken.None);
        }

        var timer = new PendingTimer(cancellationToken);
        timer.Start(_inner, fireAt);
        Track(timer);
        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ApplyCancellations();
        return StartWait<T>(eventName, cancellationToken).Task;
    }

    /// <summary>As Core's version, with the timer and the wait cancelled here rather than through linked token sources.</summary>
    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ApplyCancellations();
        var wait = StartWait<T>(eventName, cancellationToken);
        if (wait.Task.IsCompleted)
        {
            return await wait.Task;
        }

        var timer = new PendingTimer(cancellationToken);
        timer.Start(_inner, CurrentUtcDateTime.Add(timeout));
        Track(timer);
        if (await Task.WhenAny(wait.Task, timer.Task) == wait.Task)
        {
            timer.Cancel();
            return await wait.Task;
        }

        wait.Abandon();
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Event '{eventName}' did not arrive within {timeout}.");
    }

    public override void SetCustomStatus(object? customStatus) => _inner.SetCustomStatus(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        if (preserveUnprocessedEvents)
        {
            // Durable carries over only the events it buffered itself; those kept here for a next wait are re-sent.
            foreach (var (eventName, payloads) in _abandonedEvents)
            {
                while (payloads.TryDequeue(out var payload))
                {
                    _inner.SendEvent(InstanceId, eventName, payload);
                }
            }
        }

        _inner.ContinueAsNew(newInput, preserveUnprocessedEvents);
    }

    public override Guid NewGuid() => _inner.NewGuid();

    public override ILogger CreateReplaySafeLogger(string categoryName) => _inner.CreateReplaySafeLogger(categoryName);

    /// <summary>Honours cancelled tokens now; called on every call into the context and when the workflow returns.</summary>
    internal void ApplyCancellations()
    {
        for (var index = _pending.Count - 1; index >= 0; index--)
        {
            _pending[index].ApplyCancellation();
            if (_pending[index].IsSettled)
            {
                _pending.RemoveAt(index);
            }
        }
    }

    private async Task<JsonElement?> CallActivityCoreAsync(string name, object? input, CoreTaskOptions? options)
    {
        ApplyCancellations();
        var serializedInput = ToJson(input);
        return await WithRetryAsync(options?.Retry, attempt => CallActivityOnceAsync(name, serializedInput, attempt));
    }

    private async Task<JsonElement?> CallActivityOnceAsync(string name, JsonElement? input, int attempt)
    {
        var taskId = ++_lastTaskId;
        ActivityResult? result;
        try
        {
            result = await _inner.CallActivityAsync<ActivityResult>(name, new ActivityCall(taskId, attempt, input));
        }
        catch (DurableTaskFailedException exception)
        {
            // The activity function itself did not answer (a crash, a timeout, an unknown name).
            throw new CoreTaskFailedException(name, taskId, FailureMapping.ToCore(exception.FailureDetails));
        }

        if (result is null)
        {
            throw new CoreTaskFailedException(name, taskId, new Core.Workflows.TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"Activity '{name}' answered nothing."));
        }

        return result.Failure is { } failure ? throw new CoreTaskFailedException(name, taskId, failure) : result.Output;
    }

    private async Task<T> CallSubOrchestratorOnceAsync<T>(string name, object? input, string? instanceId)
    {
        // The same id on every replay; Durable would derive one the same way.
        var childId = instanceId ?? NewGuid().ToString("N");
        try
        {
            return await _inner.CallSubOrchestratorAsync<T>(name, input, new DurableSubOrchestrationOptions { InstanceId = childId });
        }
        catch (DurableTaskFailedException exception)
        {
            throw new SubOrchestrationFailedException(name, exception.TaskId, childId, FailureMapping.ToCore(exception.FailureDetails));
        }
    }

    private async Task<TResult> WithRetryAsync<TResult>(CoreRetryPolicy? policy, Func<int, Task<TResult>> attempt)
    {
        var firstStartedAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            var delay = TimeSpan.Zero;
            try
            {
                return await attempt(number);
            }
            catch (Exception exception) when (policy is not null && ShouldRetry(policy, exception, number, firstStartedAt, out delay))
            {
                // Retried below, after a durable timer.
            }

            await _inner.CreateTimer(CurrentUtcDateTime.Add(delay), CancellationToken.None);
        }
    }

    private bool ShouldRetry(CoreRetryPolicy policy, Exception exception, int attempt, DateTime firstStartedAt, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        var failure = exception switch
        {
            CoreTaskFailedException failed => failed.FailureDetails,
            SubOrchestrationFailedException failed => failed.FailureDetails,
            _ => null,
        };
        if (failure is null || attempt >= policy.MaxNumberOfAttempts || !(policy.Handle?.Invoke(failure) ?? true))
        {
            return false;
        }

        delay = policy.GetDelay(attempt + 1);
        return policy.RetryTimeout is not { } limit || CurrentUtcDateTime.Add(delay) - firstStartedAt <= limit;
    }

    private EventWait<T> StartWait<T>(string eventName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var wait = new EventWait<T>(this, eventName, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            wait.Abandon();
        }
        else if (_abandonedEvents.TryGetValue(eventName, out var kept) && kept.TryDequeue(out var payload))
        {
            wait.Deliver(payload);
        }
        else
        {
            // One payload type per name for Durable's waiters; Core's converter reads the payload as T.
            _ = wait.ListenAsync(_inner.WaitForExternalEvent<JsonElement>(eventName));
            if (cancellationToken.CanBeCanceled)
            {
                Track(wait);
            }
        }

        return wait;
    }

    private void Track(IPendingWork work) => _pending.Add(work);

    private void Keep(string eventName, JsonElement payload)
    {
        if (!_abandonedEvents.TryGetValue(eventName, out var kept))
        {
            kept = new Queue<JsonElement>();
            _abandonedEvents[eventName] = kept;
        }

        kept.Enqueue(payload);
    }

    private JsonElement? ToJson(object? value) =>
        _converter.Serialize(value) is { } text ? JsonSerializer.Deserialize(text, FunctionsJsonContext.Default.JsonElement) : null;

    private T Read<T>(JsonElement? value) =>
        _converter.Deserialize<T>(value is { ValueKind: not JsonValueKind.Undefined } json ? json.GetRawText() : null)!;

    private sealed class PendingTimer(CancellationToken cancellationToken) : IPendingWork
    {
        // Owned here so that only this class cancels the durable timer, synchronously, on the orchestrator's thread.
        private readonly CancellationTokenSource _timerCancellation = new();

        public Task Task { get; private set; } = Task.CompletedTask;

        public bool IsSettled => Task.IsCompleted;

        public void Start(TaskOrchestrationContext context, DateTime fireAt)
        {
            Task = context.CreateTimer(fireAt, _timerCancellation.Token);
            ApplyCancellation();
        }

        public void ApplyCancellation()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Cancel();
            }
        }

        public void Cancel()
        {
            if (!Task.IsCompleted)
            {
                _timerCancellation.Cancel();
            }
        }
    }

    private sealed class EventWait<T>(TaskOrchestrationContextAdapter owner, string eventName, CancellationToken cancellationToken) : IPendingWork
    {
        private readonly TaskCompletionSource<T> _result = new();
        private bool _abandoned;

        public Task<T> Task => _result.Task;

        public bool IsSettled => _result.Task.IsCompleted;

        public void ApplyCancellation()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Abandon();
            }
        }

        public void Abandon()
        {
            if (_result.Task.IsCompleted)
            {
                return;
            }

            _abandoned = true;
            _result.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : new CancellationToken(canceled: true));
        }

        public void Deliver(JsonElement payload)
        {
            try
            {
                _result.TrySetResult(owner.Read<T>(payload));
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException)
            {
                _result.TrySetException(exception);
            }
        }

        public async Task ListenAsync(Task<JsonElement> durableWait)
        {
            // A durable wait without a token only ever completes with an event, on the orchestrator's thread.
            var payload = await durableWait;
            if (_abandoned)
            {
                owner.Keep(eventName, payload);
            }
            else
            {
                Deliver(payload);
            }
        }
    }
}
