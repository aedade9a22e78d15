using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Replay;

/// <summary>
/// Decides one orchestration step: sorts the claimed inbox messages (stale, duplicate, deferred by a
/// suspension, control), replays the orchestrator over its history plus the new events, and turns
/// the outcome into a <see cref="StepCommit"/>. Pure with respect to the store.
/// </summary>
internal sealed class OrchestrationRunner(
    WorkflowRegistry registry, IDataConverter converter, ILoggerFactory loggerFactory, TimeProvider timeProvider)
{
    public StepResult Run(InstanceWorkItem item, IReadOnlyList<HistoryEvent> history, string leaseOwner)
    {
        var now = timeProvider.GetUtcNow();
        var step = new StepBuilder(item, history, leaseOwner, now);
        if (item.Status.IsTerminal())
        {
            // An ended instance only drains late messages (a child's result, a timer).
            step.ConsumeAll();
            return step.Finish(null);
        }

        var inbox = SortInbox(item, history, step);
        if (inbox.Terminate is { } terminate)
        {
            return Terminate(step, terminate, inbox.NewEvents.OfType<ExecutionStarted>().FirstOrDefault());
        }

        var started = history.Count > 0 || inbox.NewEvents.Exists(e => e is ExecutionStarted);
        if (!started || inbox.NewEvents.Count == 0)
        {
            // Nothing new to run: only stale or duplicate messages were consumed. (A start message is
            // always an instance's oldest inbox row, so events never arrive here before it.)
            return step.Finish(null);
        }

        step.Append(new OrchestratorStarted(now.UtcDateTime));
        step.AppendRange(inbox.NewEvents);
        return Execute(step, inbox.Suspended);
    }

    private static InboxSort SortInbox(InstanceWorkItem item, IReadOnlyList<HistoryEvent> history, StepBuilder step)
    {
        var scheduled = new HashSet<int>();
        var completed = new HashSet<int>();
        foreach (var recorded in history)
        {
            if (IsScheduling(recorded) && recorded.TaskId is { } scheduledId)
            {
                scheduled.Add(scheduledId);
            }
            else if (IsCompletion(recorded) && recorded.TaskId is { } completedId)
            {
                completed.Add(completedId);
            }
        }

        var sort = new InboxSort { Suspended = item.Status == WorkflowRuntimeStatus.Suspended };
        var started = history.Count > 0;
        foreach (var message in item.Messages)
        {
            if (message.ExecutionId is not null && message.ExecutionId != item.ExecutionId)
            {
                step.Consume(message);
                continue;
            }

            switch (message.Event)
            {
                case ExecutionTerminated terminated:
                    step.Consume(message);
                    sort.Terminate ??= terminated;
                    break;
                case ExecutionSuspended suspended:
                    step.Consume(message);
                    if (!sort.Suspended)
                    {
                        sort.Suspended = true;
                        sort.NewEvents.Add(suspended);
                    }

                    break;
                case ExecutionResumed resumed:
                    step.Consume(message);
                    if (sort.Suspended)
                    {
                        sort.Suspended = false;
                        sort.NewEvents.Add(resumed);
                    }

                    break;
                case var _ when sort.Suspended:
                    // Left in the inbox until the instance is resumed.
                    break;
                case ExecutionStarted start:
                    step.Consume(message);
                    if (!started)
                    {
                        // First, even when events raised before a delayed start have older rows.
                        started = true;
                        sort.NewEvents.Insert(0, start);
                    }

                    break;
                case var completion when IsCompletion(completion):
                    step.Consume(message);

                    // A result for a task never scheduled, or one already completed, is a duplicate: drop it.
                    if (scheduled.Contains(completion.TaskId!.Value) && completed.Add(completion.TaskId.Value))
                    {
                        sort.NewEvents.Add(completion);
                    }

                    break;
                default:
                    step.Consume(message);
                    sort.NewEvents.Add(message.Event);
                    break;
            }
        }

        return sort;
    }

    private static bool IsScheduling(HistoryEvent e) => e is TaskScheduled or TimerCreated or SubOrchestrationCreated;

    private static bool IsCompletion(HistoryEvent e) =>
        e is TaskCompleted or TaskFailed or TimerFired or SubOrchestrationCompleted or SubOrchestrationFailed;

    private StepResult Terminate(StepBuilder step, ExecutionTerminated terminate, ExecutionStarted? unrecordedStart)
    {
        // A terminated instance drops everything else it had pending.
        step.ConsumeAll();
        if (unrecordedStart is not null)
        {
            // Terminated before its first step: record the start, which names the parent to notify.
            step.Append(unrecordedStart);
        }

        step.Append(terminate);
        if (terminate.Recursive)
        {
            foreach (var childId in step.RunningChildren())
            {
                step.Send(new OutboundMessage(childId, null, terminate with { Timestamp = step.Now.UtcDateTime }, step.Now));
            }
        }

        var failure = new TaskFailureDetails(StepBuilder.TerminatedErrorType, terminate.Reason ?? "The instance was terminated.");
        step.NotifyParent(taskId => new SubOrchestrationFailed(step.Now.UtcDateTime, taskId, failure));
        return step.Finish(
            WorkflowRuntimeStatus.Terminated, output: converter.Serialize(terminate.Reason), customStatus: step.Item.CustomStatus);
    }

    private StepResult Execute(StepBuilder step, bool suspended)
    {
        var context = new ReplayWorkflowContext(step.Item.InstanceId, converter, loggerFactory);
        var scheduler = new WorkflowTaskScheduler();
        Task<object?>? orchestrator = null;
        try
        {
            var replayedCount = step.History.Count;
            var events = step.AllEvents;
            for (var index = 0; index < events.Count; index++)
            {
                context.SetReplaying(index < replayedCount);
                orchestrator = Apply(context, scheduler, events[index]) ?? orchestrator;
                scheduler.RunUntilIdle();
            }

            if (orchestrator is null)
            {
                throw new InvalidOperationException("The history has no ExecutionStarted event.");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Fail(step, TaskFailureDetails.FromException(exception), context.SerializedCustomStatus);
        }

        if (orchestrator.IsFaulted || orchestrator.IsCanceled)
        {
            var exception = orchestrator.Exception?.InnerException ?? new TaskCanceledException(orchestrator);
            return Fail(step, TaskFailureDetails.FromException(exception), context.SerializedCustomStatus);
        }

        if (context.ContinueAsNewRequest is { } continueAsNew)
        {
            return ContinueAsNew(step, context, continueAsNew);
        }

        if (orchestrator.IsCompletedSuccessfully)
        {
            string? output;
            try
            {
                output = converter.Serialize(orchestrator.Result);
            }
            catch (InvalidOperationException exception)
            {
                return Fail(step, TaskFailureDetails.FromException(exception), context.SerializedCustomStatus);
            }

            step.Append(new ExecutionCompleted(step.Now.UtcDateTime, output));
            step.NotifyParent(taskId => new SubOrchestrationCompleted(step.Now.UtcDateTime, taskId, output));
            return step.Finish(WorkflowRuntimeStatus.Completed, output: output, customStatus: context.SerializedCustomStatus);
        }

        foreach (var action in context.NewActions)
        {
            step.Schedule(action);
        }

        return step.Finish(
            suspended ? WorkflowRuntimeStatus.Suspended : WorkflowRuntimeStatus.Running,
            customStatus: context.SerializedCustomStatus);
    }

    /// <summary>Feeds one event to the code; returns the orchestrator's task when the event starts it.</summary>
    private Task<object?>? Apply(ReplayWorkflowContext context, WorkflowTaskScheduler scheduler, HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStarted started:
                context.SetCurrentUtcDateTime(started.Timestamp);
                break;
            case ExecutionStarted started:
                context.Start(started);
                if (!registry.TryGetWorkflow(started.Name, started.Version, out var factory, out _))
                {
                    throw new InvalidOperationException(
                        $"No workflow named '{started.Name}'{(started.Version is null ? string.Empty : $" version '{started.Version}'")} is registered.");
                }

                var workflow = factory();
                var input = converter.Deserialize(started.Input, workflow.InputType);
                return scheduler.Start(() => workflow.RunAsync(context, input));
            case TaskScheduled scheduled:
                context.MatchRecorded(
                    scheduled.EventId,
                    $"activity '{scheduled.Name}'",
                    a => a is ScheduleActivityAction s && string.Equals(s.Name, scheduled.Name, StringComparison.OrdinalIgnoreCase));
                break;
            case TimerCreated created:
                context.MatchRecorded(created.EventId, "a timer", a => a is CreateTimerAction);
                break;
            case SubOrchestrationCreated created:
                context.MatchRecorded(
                    created.EventId,
                    $"sub-orchestration '{created.Name}'",
                    a => a is CreateSubOrchestrationAction s && string.Equals(s.Name, created.Name, StringComparison.OrdinalIgnoreCase));
                break;
            case TaskCompleted completed:
                context.Complete(completed.TaskScheduledId, completed.Result);
                break;
            case TaskFailed failed:
                context.Fail(failed.TaskScheduledId, failed.FailureDetails);
                break;
            case TimerFired fired:
                context.Complete(fired.TimerId, null);
                break;
            case SubOrchestrationCompleted completed:
                context.Complete(completed.TaskScheduledId, completed.Result);
                break;
            case SubOrchestrationFailed failed:
                context.Fail(failed.TaskScheduledId, failed.FailureDetails);
                break;
            case EventRaised raised:
                context.RaiseEvent(raised.Name, raised.Input);
                break;
        }

        return null;
    }

    private static StepResult Fail(StepBuilder step, TaskFailureDetails failure, string? customStatus)
    {
        step.Append(new ExecutionFailed(step.Now.UtcDateTime, failure));
        step.NotifyParent(taskId => new SubOrchestrationFailed(step.Now.UtcDateTime, taskId, failure));
        return step.Finish(WorkflowRuntimeStatus.Failed, customStatus: customStatus, failure: failure);
    }

    private static StepResult ContinueAsNew(StepBuilder step, ReplayWorkflowContext context, ContinueAsNewRequest request)
    {
        var start = step.FindStart()! with { Timestamp = step.Now.UtcDateTime, Input = request.Input };
        if (request.PreserveUnprocessedEvents)
        {
            foreach (var buffered in context.BufferedEvents)
            {
                step.Send(new OutboundMessage(
                    step.Item.InstanceId, null, new EventRaised(step.Now.UtcDateTime, buffered.Name, buffered.Input), step.Now));
            }
        }

        return step.Finish(
            WorkflowRuntimeStatus.ContinuedAsNew,
            customStatus: context.SerializedCustomStatus,
            continueAsNew: new ContinueAsNewCommit(Guid.NewGuid().ToString("N"), start));
    }

    private sealed class InboxSort
    {
        public List<HistoryEvent> NewEvents { get; } = [];

        public ExecutionTerminated? Terminate { get; set; }

        public bool Suspended { get; set; }
    }
}
