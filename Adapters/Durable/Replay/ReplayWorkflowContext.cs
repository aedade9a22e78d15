using System.Globalization;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable.History;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Replay;

/// <summary>
/// The runtime's <see cref="WorkflowContext"/>. Calls from the code become actions with sequential
/// task ids; the replay loop matches them against recorded history and completes their tasks as
/// history (then the step's new events) says. Used on one thread only, by one step.
/// </summary>
internal sealed class ReplayWorkflowContext(
    string instanceId, IDataConverter converter, ILoggerFactory loggerFactory) : WorkflowContext
{
    private readonly SortedDictionary<int, WorkflowAction> _unmatchedActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly List<(string Name, TaskCompletionSource<string?> Source)> _eventWaiters = [];
    private readonly List<BufferedEvent> _bufferedEvents = [];
    private string _name = string.Empty;
    private string? _serializedInput;
    private int _nextTaskId;
    private int _guidCounter;
    private bool _isReplaying;
    private DateTime _currentUtcDateTime;

    public override string InstanceId => instanceId;

    public override string Name => _name;

    public override bool IsReplaying => _isReplaying;

    public override DateTime CurrentUtcDateTime => _currentUtcDateTime;

    public string? SerializedCustomStatus { get; private set; }

    public ContinueAsNewRequest? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions of this step: asked for by the code but not found in recorded history.</summary>
    public IEnumerable<WorkflowAction> NewActions => _unmatchedActions.Values;

    /// <summary>Events received but never waited for, oldest first (carried over by continue-as-new).</summary>
    public IReadOnlyList<BufferedEvent> BufferedEvents => _bufferedEvents;

    public override T? GetInput<T>()
        where T : default => converter.Deserialize<T>(_serializedInput);

    public override Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null) =>
        Deserialize<T>(CallActivityCoreAsync(name, input, options));

    public override Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityCoreAsync(name, input, options);

    public override Task<T> CallSubOrchestratorAsync<T>(
        string name, object? input = null, SubOrchestrationOptions? options = null) =>
        Deserialize<T>(CallSubOrchestratorCoreAsync(name, input, options));

    public override Task CallSubOrchestratorAsync(
        string name, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestratorCoreAsync(name, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var open = Open(new CreateTimerAction(_nextTaskId++, utc));
        if (cancellationToken.CanBeCanceled)
        {
            // Runs on this thread, inside the code's own Cancel call, so it stays deterministic.
            cancellationToken.Register(() =>
            {
                if (_openTasks.Remove(open.Action.TaskId))
                {
                    open.Source.TrySetCanceled(cancellationToken);
                }
            });
        }

        return open.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var index = _bufferedEvents.FindIndex(e => NamesMatch(e.Name, eventName));
        if (index >= 0)
        {
            var buffered = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            try
            {
                return Task.FromResult(converter.Deserialize<T>(buffered.Input)!);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return Task.FromException<T>(exception);
            }
        }

        var waiter = (eventName, new TaskCompletionSource<string?>());
        _eventWaiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_eventWaiters.Remove(waiter))
                {
                    waiter.Item2.TrySetCanceled(cancellationToken);
                }
            });
        }

        return Deserialize<T>(waiter.Item2.Task);
    }

    public override void SetCustomStatus(object? customStatus) =>
        SerializedCustomStatus = converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = new ContinueAsNewRequest(converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(
            CultureInfo.InvariantCulture, $"{instanceId}_{_currentUtcDateTime:O}_{_guidCounter++}"));

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), this);

    public void SetReplaying(bool isReplaying) => _isReplaying = isReplaying;

    public void SetCurrentUtcDateTime(DateTime utc) => _currentUtcDateTime = utc;

    public void Start(ExecutionStarted started)
    {
        _name = started.Name;
        _serializedInput = started.Input;
    }

    /// <summary>Pairs a recorded scheduling event with the code's action of the same task id.</summary>
    public void MatchRecorded(int taskId, string recorded, Func<WorkflowAction, bool> sameKind)
    {
        if (!_unmatchedActions.TryGetValue(taskId, out var action))
        {
            throw new NonDeterministicWorkflowException(
                $"Workflow '{_name}' (instance '{instanceId}') is not deterministic: history recorded task {taskId} " +
                $"as {recorded}, but the code now schedules nothing at that point.");
        }

        if (!sameKind(action))
        {
            throw new NonDeterministicWorkflowException(
                $"Workflow '{_name}' (instance '{instanceId}') is not deterministic: history recorded task {taskId} " +
                $"as {recorded}, but the code now schedules {action.Describe()}.");
        }

        _unmatchedActions.Remove(taskId);
    }

    /// <summary>Completes an open task; false when none is open under that id (cancelled or stale).</summary>
    public bool Complete(int taskId, string? result)
    {
        if (!_openTasks.Remove(taskId, out var open))
        {
            return false;
        }

        open.Source.TrySetResult(result);
        return true;
    }

    public bool Fail(int taskId, TaskFailureDetails details)
    {
        if (!_openTasks.Remove(taskId, out var open))
        {
            return false;
        }

        Exception exception = open.Action switch
        {
            CreateSubOrchestrationAction sub => new SubOrchestrationFailedException(sub.Name, taskId, sub.InstanceId, details),
            ScheduleActivityAction activity => new TaskFailedException(activity.Name, taskId, details),
            _ => new InvalidOperationException($"Task {taskId} failed: {details}"),
        };
        open.Source.TrySetException(exception);
        return true;
    }

    /// <summary>Hands the event to the oldest waiter for its name, or buffers it for a later wait.</summary>
    public void RaiseEvent(string name, string? input)
    {
        var index = _eventWaiters.FindIndex(w => NamesMatch(w.Name, name));
        if (index < 0)
        {
            _bufferedEvents.Add(new BufferedEvent(name, input));
            return;
        }

        var waiter = _eventWaiters[index];
        _eventWaiters.RemoveAt(index);
        waiter.Source.TrySetResult(input);
    }

    private static bool NamesMatch(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private Task<string?> CallActivityCoreAsync(string name, object? input, TaskOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = converter.Serialize(input);
        return options?.Retry is { } retry
            ? WithRetryAsync(retry, attempt => ScheduleActivity(name, serialized, attempt))
            : ScheduleActivity(name, serialized, 1);
    }

    private Task<string?> CallSubOrchestratorCoreAsync(string name, object? input, SubOrchestrationOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = converter.Serialize(input);

        // Deterministic, and the same for every attempt so retries restart the same child.
        var childId = options?.InstanceId ?? $"{instanceId}:{NewGuid():N}";
        return options?.Retry is { } retry
            ? WithRetryAsync(retry, _ => StartSubOrchestration(name, childId, serialized))
            : StartSubOrchestration(name, childId, serialized);
    }

    private Task<string?> ScheduleActivity(string name, string? input, int attempt) =>
        Open(new ScheduleActivityAction(_nextTaskId++, name, input, attempt)).Source.Task;

    private Task<string?> StartSubOrchestration(string name, string childId, string? input) =>
        Open(new CreateSubOrchestrationAction(_nextTaskId++, name, childId, input)).Source.Task;

    private OpenTask Open(WorkflowAction action)
    {
        var open = new OpenTask(action, new TaskCompletionSource<string?>());
        _unmatchedActions.Add(action.TaskId, action);
        _openTasks.Add(action.TaskId, open);
        return open;
    }

    /// <summary>
    /// Applies a retry policy inside the orchestrator: each wait is a durable timer, so attempts and
    /// backoff survive restarts and show in history.
    /// </summary>
    private async Task<string?> WithRetryAsync(RetryPolicy policy, Func<int, Task<string?>> attemptAsync)
    {
        var firstAttemptAt = _currentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay = default;
            try
            {
                return await attemptAsync(attempt);
            }
            catch (TaskFailedException failed) when (ShouldRetry(policy, attempt, failed.FailureDetails, firstAttemptAt, out delay))
            {
            }
            catch (SubOrchestrationFailedException failed) when (ShouldRetry(policy, attempt, failed.FailureDetails, firstAttemptAt, out delay))
            {
            }

            await CreateTimer(_currentUtcDateTime + delay, CancellationToken.None);
        }
    }

    private bool ShouldRetry(
        RetryPolicy policy, int attempt, TaskFailureDetails failure, DateTime firstAttemptAt, out TimeSpan delay)
    {
        delay = default;
        if (attempt >= policy.MaxNumberOfAttempts || (policy.Handle is { } handle && !handle(failure)))
        {
            return false;
        }

        delay = policy.GetDelay(attempt + 1);
        return policy.RetryTimeout is not { } timeout || _currentUtcDateTime + delay - firstAttemptAt <= timeout;
    }

    private async Task<T> Deserialize<T>(Task<string?> raw) => converter.Deserialize<T>(await raw)!;
}
