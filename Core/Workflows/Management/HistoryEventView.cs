using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Core.Workflows.Management;

/// <summary>
/// One history event in the shape of the Durable Functions HTTP API (<c>showHistory=true</c>): PascalCase fields,
/// the Durable Task event names, <c>FunctionName</c> and <c>ScheduledTime</c> on the events that end a task, timer or
/// sub-orchestration, <c>Input</c> and <c>Result</c> with <c>showHistoryOutput=true</c>, and <c>Reason</c> and
/// <c>Details</c> on failures. Unlike the Durable Functions API every event is kept (the scheduling events too), so a
/// task still running is in the list; readers of the compact shape find every field they expect.
/// </summary>
public sealed record HistoryEventView(
    [property: JsonPropertyName("EventType")] string EventType,
    [property: JsonPropertyName("EventId")] long EventId,
    [property: JsonPropertyName("Timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("Name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("FunctionName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FunctionName,
    [property: JsonPropertyName("TaskScheduledId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TaskScheduledId,
    [property: JsonPropertyName("ScheduledTime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ScheduledTime,
    [property: JsonPropertyName("FireAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FireAt,
    [property: JsonPropertyName("Input"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Input,
    [property: JsonPropertyName("Result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonPropertyName("OrchestrationStatus"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrchestrationStatus,
    [property: JsonPropertyName("Reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonPropertyName("Details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Details,
    [property: JsonPropertyName("FailureDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureView? FailureDetails)
{
    /// <summary>The neutral names that differ from the Durable Task names the Durable Functions API writes.</summary>
    private static readonly Dictionary<string, string> DurableTaskNames = new(StringComparer.Ordinal)
    {
        ["SubOrchestrationCreated"] = "SubOrchestrationInstanceCreated",
        ["SubOrchestrationCompleted"] = "SubOrchestrationInstanceCompleted",
        ["SubOrchestrationFailed"] = "SubOrchestrationInstanceFailed",
    };

    /// <summary>
    /// The views of an execution's events, oldest first: each completion and failure is given the name and time of the
    /// event that scheduled it (a timer's firing the time it was created), as the Durable Functions API gives them.
    /// </summary>
    public static IReadOnlyList<HistoryEventView> Of(IReadOnlyList<WorkflowHistoryEvent> history, bool showOutput)
    {
        ArgumentNullException.ThrowIfNull(history);
        var scheduled = new Dictionary<int, WorkflowHistoryEvent>();
        var views = new List<HistoryEventView>(history.Count);
        foreach (var historyEvent in history)
        {
            WorkflowHistoryEvent? origin = null;
            if (historyEvent.TaskId is { } taskId)
            {
                if (historyEvent.EventType is "TaskScheduled" or "SubOrchestrationCreated" or "TimerCreated")
                {
                    scheduled[taskId] = historyEvent;
                }
                else
                {
                    scheduled.TryGetValue(taskId, out origin);
                }
            }

            views.Add(Of(historyEvent, origin, showOutput));
        }

        return views;
    }

    private static HistoryEventView Of(WorkflowHistoryEvent historyEvent, WorkflowHistoryEvent? origin, bool showOutput)
    {
        var type = historyEvent.EventType;
        var carriesInput = type is "ExecutionStarted" or "TaskScheduled" or "SubOrchestrationCreated" or "EventRaised";
        var carriesReason = type is "ExecutionTerminated" or "ExecutionSuspended" or "ExecutionResumed";
        var data = showOutput && !carriesReason ? InstanceStatusView.Json(historyEvent.Data) : null;
        var failure = historyEvent.FailureDetails;
        return new(
            DurableTaskNames.GetValueOrDefault(type, type),
            historyEvent.SequenceNumber,
            historyEvent.Timestamp,
            type == "EventRaised" ? historyEvent.Name : null,
            type == "EventRaised" ? null : historyEvent.Name ?? origin?.Name,
            historyEvent.TaskId,
            origin?.Timestamp,
            historyEvent.FireAt,
            carriesInput ? data : null,
            carriesInput ? null : data,
            type switch
            {
                "ExecutionCompleted" => nameof(WorkflowRuntimeStatus.Completed),
                "ExecutionFailed" => nameof(WorkflowRuntimeStatus.Failed),
                "ExecutionTerminated" => nameof(WorkflowRuntimeStatus.Terminated),
                _ => null,
            },
            failure?.ErrorMessage ?? (carriesReason ? historyEvent.Data : null),
            failure is null ? null : failure.StackTrace is { Length: > 0 } stack ? $"{failure.ErrorType}{Environment.NewLine}{stack}" : failure.ErrorType,
            failure is null ? null : new FailureView(failure.ErrorType, failure.ErrorMessage));
    }
}
