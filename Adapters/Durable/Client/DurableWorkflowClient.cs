using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.Durable.Worker;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Client;

/// <summary>
/// <see cref="IWorkflowClient"/> over the store. Writes are store messages, each followed by a wake-up
/// (<see cref="IDurableWakeups"/>: an in-process signal, or a queue message where workers are woken per event);
/// a lost wake-up only delays the work until a poll or sweep finds it.
/// </summary>
internal sealed partial class DurableWorkflowClient(
    IOrchestrationClientStore store,
    WorkflowRegistry registry,
    IDataConverter converter,
    DurableSignals signals,
    IDurableWakeups wakeups,
    TimeProvider time,
    ILoggerFactory loggers) : IWorkflowClient
{
    // From the factory, not ILogger<T>: every host registers a factory, and no open generic is needed under AOT.
    private readonly ILogger _logger = loggers.CreateLogger<DurableWorkflowClient>();

    private const int MaxInstanceIdLength = 256;
    private static readonly TimeSpan MaxCompletionPoll = TimeSpan.FromSeconds(1);

    public async Task<string> ScheduleNewAsync(
        string name, object? input = null, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationException("name", "A workflow name is required.");
        }

        if (!registry.TryGetWorkflow(name, options?.Version, out _, out var version))
        {
            throw new ValidationException(
                "name", $"No workflow named '{name}'{(options?.Version is null ? string.Empty : $" version '{options.Version}'")} is registered.");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var now = time.GetUtcNow();
        var startAt = options?.StartAt is { } requested && requested > now ? requested : now;
        var start = new ExecutionStarted(now.UtcDateTime, name, version, converter.Serialize(input)) { TraceParent = DurableTracing.CurrentTraceParent() };
        await store.CreateInstanceAsync(
            new NewInstance(instanceId, Guid.NewGuid().ToString("N"), start, startAt), cancellationToken);
        InstanceStarted(_logger, instanceId, name);
        await wakeups.WakeAsync(
            [new DurableWakeup(instanceId, DurableWork.Orchestration, startAt > now ? startAt : null)], cancellationToken);
        return instanceId;
    }

    public async Task<WorkflowInstance?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, bool getHistory = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!getHistory)
        {
            return await store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } state ? ToInstance(state) : null;
        }

        if (await store.GetInstanceWithHistoryAsync(instanceId, getInputsAndOutputs, cancellationToken) is not { } read)
        {
            return null;
        }

        return ToInstance(read.State) with { History = [.. read.History.Select((e, index) => HistoryEventViews.ToView(e, index + 1))] };
    }

    public async Task<WorkflowQueryResult> QueryAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > WorkflowQuery.MaxPageSize)
        {
            throw new ValidationException("pageSize", $"The page size must be between 1 and {WorkflowQuery.MaxPageSize}.");
        }

        var page = await store.QueryInstancesAsync(query, cancellationToken);
        return new WorkflowQueryResult([.. page.Instances.Select(ToInstance)], page.ContinuationToken);
    }

    public async Task RaiseEventAsync(
        string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            throw new ValidationException("eventName", "An event name is required.");
        }

        var message = new EventRaised(time.GetUtcNow().UtcDateTime, eventName, converter.Serialize(payload));
        await SendAsync(instanceId, message, cancellationToken);
    }

    public Task TerminateAsync(
        string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionTerminated(time.GetUtcNow().UtcDateTime, reason, recursive), cancellationToken);

    public Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionSuspended(time.GetUtcNow().UtcDateTime, reason), cancellationToken);

    public Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new ExecutionResumed(time.GetUtcNow().UtcDateTime, reason), cancellationToken);

    public Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return store.PurgeInstanceAsync(instanceId, cancellationToken);
    }

    public Task<int> PurgeAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Statuses is { } statuses && statuses.Any(s => !s.IsTerminal()))
        {
            throw new ValidationException("statuses", "Only ended instances (Completed, Failed, Terminated) can be purged.");
        }

        return store.PurgeInstancesAsync(filter, cancellationToken);
    }

    public async Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var poll = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            // Taken before the read, so a completion signalled in between is not missed.
            var wake = signals.Completions.Current;
            var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken: cancellationToken)
                ?? throw new NotFoundException($"Workflow instance '{instanceId}' was not found.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            await WakeSignal.WaitAsync(wake, poll, time, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            poll = poll * 2 > MaxCompletionPoll ? MaxCompletionPoll : poll * 2;
        }
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId) || instanceId.Length > MaxInstanceIdLength || instanceId.Any(char.IsControl))
        {
            throw new ValidationException(
                "instanceId", $"An instance id must be 1 to {MaxInstanceIdLength} characters without control characters.");
        }
    }

    private static WorkflowInstance ToInstance(InstanceState state) =>
        new(
            state.InstanceId,
            state.Name,
            state.Status,
            state.CreatedAt,
            state.LastUpdatedAt,
            state.Input,
            state.Output,
            state.CustomStatus,
            state.FailureDetails);

    private async Task SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (await store.EnqueueMessageAsync(instanceId, message, cancellationToken) is null)
        {
            throw new NotFoundException($"Workflow instance '{instanceId}' was not found.");
        }

        await wakeups.WakeAsync([new DurableWakeup(instanceId, DurableWork.Orchestration)], cancellationToken);
    }

    /// <summary>One line per instance the client creates, once it is stored: the start the operations dashboard counts (<c>eventName</c> InstanceStarted).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow instance {InstanceId} ({Name}) started")]
    private static partial void InstanceStarted(ILogger logger, string instanceId, string name);
}
