using System.Diagnostics;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Telemetry;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Spans of the runtime. The trace context travels in the store, not in memory: the client writes the caller's
/// <c>traceparent</c> into the instance's <see cref="ExecutionStarted"/> event (the start message that becomes the
/// first history event), and every step and activity run of the instance is started as a child of it. So a trace
/// spans the request that started a workflow, each of its steps and activities, across restarts and workers.
/// </summary>
internal static class DurableTracing
{
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The span of one orchestration step; the start event is in the history, or, on the first step, in the inbox.</summary>
    public static Activity? StartStep(InstanceWorkItem item, IReadOnlyList<HistoryEvent> history)
    {
        if (!PortableTelemetry.Source.HasListeners())
        {
            return null;
        }

        var start = StartOf(history) ?? item.Messages.Select(message => message.Event).OfType<ExecutionStarted>().FirstOrDefault();
        var activity = PortableTelemetry.Source.StartActivity($"orchestration {item.Name}", ActivityKind.Internal, Parent(start?.TraceParent));
        activity?.SetTag("portable.workflow", item.Name);
        activity?.SetTag("portable.instance_id", item.InstanceId);
        activity?.SetTag("portable.execution_id", item.ExecutionId);
        activity?.SetTag("portable.step.messages", item.Messages.Count);
        return activity;
    }

    public static Activity? StartActivityRun(ActivityWorkItem item, string? traceParent)
    {
        var activity = PortableTelemetry.Source.StartActivity($"activity {item.Name}", ActivityKind.Internal, Parent(traceParent));
        activity?.SetTag("portable.activity", item.Name);
        activity?.SetTag("portable.instance_id", item.InstanceId);
        activity?.SetTag("portable.task_id", item.TaskId);
        activity?.SetTag("portable.attempt", item.Attempt);
        return activity;
    }

    /// <summary>The execution's start event: it follows the first step's OrchestratorStarted, so it is found at once.</summary>
    public static ExecutionStarted? StartOf(IReadOnlyList<HistoryEvent> history) => history.OfType<ExecutionStarted>().FirstOrDefault();

    private static ActivityContext Parent(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
