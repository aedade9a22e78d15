using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.Workflows;
using TaskOptions = Microsoft.DurableTask.TaskOptions;

namespace Portable.Functions.Tests.Doubles;

/// <summary>
/// Durable's orchestration context, scripted: activities answer through <see cref="Activities"/>, timers and
/// event waits stay pending until the test fires or raises them, and payloads cross as Durable would carry
/// them, serialized by the data converter. Event waiters are a stack per name, as in durabletask-dotnet.
/// </summary>
internal sealed class FakeOrchestrationContext(IDataConverter converter, string name = "Workflow", string instanceId = "instance-1") : TaskOrchestrationContext
{
    private readonly Dictionary<string, Stack<TaskCompletionSource<string>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private int _guids;

    public Dictionary<string, Func<ActivityCallRecord, object?>> Activities { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Func<object?, object?>> SubOrchestrators { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ActivityCallRecord> ActivityCalls { get; } = [];

    public List<FakeTimer> Timers { get; } = [];

    public List<string?> CustomStatuses { get; } = [];

    public List<(string InstanceId, string EventName, object? Payload)> SentEvents { get; } = [];

    public (object? Input, bool PreserveEvents)? ContinuedAsNew { get; private set; }

    public string? SerializedInput { get; set; }

    public DateTime Now { get; set; } = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    public bool Replaying { get; set; }

    public override TaskName Name => new(name);

    public override string InstanceId => instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => Now;

    public override bool IsReplaying => Replaying;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => (T)converter.Deserialize(SerializedInput, typeof(T))!;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var call = (Portable.Functions.Durable.ActivityCall)input!;
        var record = new ActivityCallRecord(name.Name, call.TaskId, call.Attempt, call.Input);
        ActivityCalls.Add(record);
        try
        {
            var answer = Activities[name.Name](record);
            return Task.FromResult((TResult)converter.Deserialize(converter.Serialize(answer), typeof(TResult))!);
        }
        catch (Microsoft.DurableTask.TaskFailedException exception)
        {
            return Task.FromException<TResult>(exception);
        }
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        try
        {
            var output = SubOrchestrators[orchestratorName.Name](input);
            return Task.FromResult((TResult)converter.Deserialize(converter.Serialize(output), typeof(TResult))!);
        }
        catch (Microsoft.DurableTask.TaskFailedException exception)
        {
            return Task.FromException<TResult>(exception);
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new FakeTimer(fireAt, cancellationToken);
        Timers.Add(timer);
        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.CanBeCanceled)
        {
            throw new AssertionException("The adapter must not hand Durable a caller's token for an event wait.");
        }

        if (_buffered.TryGetValue(eventName, out var queue) && queue.TryDequeue(out var buffered))
        {
            return Task.FromResult((T)converter.Deserialize(buffered, typeof(T))!);
        }

        var source = new TaskCompletionSource<string>();
        if (!_waiters.TryGetValue(eventName, out var stack))
        {
            stack = new Stack<TaskCompletionSource<string>>();
            _waiters[eventName] = stack;
        }

        stack.Push(source);
        return Convert<T>(source.Task);
    }

    /// <summary>Delivers an event as Durable does: to the newest waiter, else into the buffer.</summary>
    public void Raise(string eventName, object? payload)
    {
        var serialized = converter.Serialize(payload) ?? "null";
        if (_waiters.TryGetValue(eventName, out var stack) && stack.TryPop(out var waiter))
        {
            waiter.SetResult(serialized);
            return;
        }

        if (!_buffered.TryGetValue(eventName, out var queue))
        {
            queue = new Queue<string>();
            _buffered[eventName] = queue;
        }

        queue.Enqueue(serialized);
    }

    public int PendingWaiters(string eventName) => _waiters.TryGetValue(eventName, out var stack) ? stack.Count : 0;

    public override void SendEvent(string instanceId, string eventName, object payload) => SentEvents.Add((instanceId, eventName, payload));

    public override void SetCustomStatus(object? customStatus) => CustomStatuses.Add(converter.Serialize(customStatus));

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => ContinuedAsNew = (newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => new(++_guids, 0, 0, new byte[8]);

    private async Task<T> Convert<T>(Task<string> raw) => (T)converter.Deserialize(await raw, typeof(T))!;
}

internal sealed record ActivityCallRecord(string Name, int TaskId, int Attempt, JsonElement? Input);

internal sealed class FakeTimer
{
    private readonly TaskCompletionSource _fired = new();

    public FakeTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        FireAt = fireAt;
        Token = cancellationToken;
        cancellationToken.Register(() => _fired.TrySetCanceled(cancellationToken));
    }

    public DateTime FireAt { get; }

    public CancellationToken Token { get; }

    public Task Task => _fired.Task;

    public void Fire() => _fired.TrySetResult();
}
