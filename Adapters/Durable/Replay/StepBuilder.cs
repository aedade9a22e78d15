using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.Durable.Worker;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Replay;

/// <summary>Collects what one step appends, consumes and sends, then builds its commit.</summary>
internal sealed class StepBuilder(
    InstanceWorkItem item, IReadOnlyList<HistoryEvent> history, string leaseOwner, DateTimeOffset now)
{
    /// <summary>The error type a parent sees when its child was terminated.</summary>
    public const string TerminatedErrorType = "Terminated";

    private readonly HashSet<long> _consumed = [];
    private readonly List<HistoryEvent> _appended = [];
    private readonly List<NewActivityTask> _activities = [];
    private readonly List<OutboundMessage> _messages = [];
    private readonly List<NewInstance> _subOrchestrations = [];

    public InstanceWorkItem Item => item;

    public IReadOnlyList<HistoryEvent> History => history;

    public DateTimeOffset Now => now;

    /// <summary>Recorded history followed by what this step appended so far.</summary>
    public IReadOnlyList<HistoryEvent> AllEvents => [.. history, .. _appended];

    public void Consume(InboxMessage message) => _consumed.Add(message.Id);

    public void ConsumeAll()
    {
        foreach (var message in item.Messages)
        {
            _consumed.Add(message.Id);
        }
    }

    public void Append(HistoryEvent historyEvent) => _appended.Add(historyEvent);

    public void AppendRange(IEnumerable<HistoryEvent> historyEvents) => _appended.AddRange(historyEvents);

    public void Send(OutboundMessage message) => _messages.Add(message);

    /// <summary>Records a new action in history and queues the work it asks for.</summary>
    public void Schedule(WorkflowAction action)
    {
        var timestamp = now.UtcDateTime;
        switch (action)
        {
            case ScheduleActivityAction activity:
                _appended.Add(new TaskScheduled(timestamp, activity.TaskId, activity.Name, null, activity.Input, activity.Attempt));
                _activities.Add(new NewActivityTask(activity.TaskId, activity.Name, null, activity.Input, activity.Attempt));
                break;
            case CreateTimerAction timer:
                _appended.Add(new TimerCreated(timestamp, timer.TaskId, timer.FireAt));
                _messages.Add(new OutboundMessage(
                    item.InstanceId,
                    item.ExecutionId,
                    new TimerFired(timer.FireAt, timer.TaskId, timer.FireAt),
                    new DateTimeOffset(timer.FireAt, TimeSpan.Zero)));
                break;
            case CreateSubOrchestrationAction sub:
                _appended.Add(new SubOrchestrationCreated(timestamp, sub.TaskId, sub.Name, null, sub.InstanceId, sub.Input));
                var conflict = new TaskFailureDetails(
                    typeof(ConflictException).FullName!, $"An instance with id '{sub.InstanceId}' is already running.");
                _subOrchestrations.Add(new NewInstance(
                    sub.InstanceId,
                    Guid.NewGuid().ToString("N"),
                    new ExecutionStarted(
                        timestamp, sub.Name, null, sub.Input, new ParentInstance(item.InstanceId, item.ExecutionId, sub.TaskId))
                    {
                        // The parent's step span: a child instance continues its parent's trace.
                        TraceParent = DurableTracing.CurrentTraceParent(),
                    },
                    now,
                    new OutboundMessage(
                        item.InstanceId, item.ExecutionId, new SubOrchestrationFailed(timestamp, sub.TaskId, conflict), now)));
                break;
        }
    }

    public ExecutionStarted? FindStart() =>
        history.OfType<ExecutionStarted>().FirstOrDefault() ?? _appended.OfType<ExecutionStarted>().FirstOrDefault();

    /// <summary>Children started and not yet ended, as far as this execution has seen.</summary>
    public IEnumerable<string> RunningChildren()
    {
        var events = AllEvents;
        var ended = events
            .Where(e => e is SubOrchestrationCompleted or SubOrchestrationFailed)
            .Select(e => e.TaskId)
            .ToHashSet();
        return events.OfType<SubOrchestrationCreated>().Where(c => !ended.Contains(c.EventId)).Select(c => c.InstanceId);
    }

    /// <summary>Tells the parent, if any, how this instance ended.</summary>
    public void NotifyParent(Func<int, HistoryEvent> result)
    {
        if (FindStart()?.Parent is { } parent)
        {
            _messages.Add(new OutboundMessage(parent.InstanceId, parent.ExecutionId, result(parent.TaskId), now));
        }
    }

    public StepResult Finish(
        WorkflowRuntimeStatus? status,
        string? output = null,
        string? customStatus = null,
        TaskFailureDetails? failure = null,
        ContinueAsNewCommit? continueAsNew = null)
    {
        var commit = new StepCommit
        {
            InstanceId = item.InstanceId,
            ExecutionId = item.ExecutionId,
            LeaseOwner = leaseOwner,
            Status = status,
            NewHistory = _appended,
            ConsumedMessageIds = [.. _consumed],
            Activities = _activities,
            Messages = _messages,
            SubOrchestrations = _subOrchestrations,
            Output = output,
            CustomStatus = customStatus,
            FailureDetails = failure,
            ContinueAsNew = continueAsNew,
        };
        return new StepResult(commit, AllEvents, failure);
    }
}
