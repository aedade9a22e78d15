using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Core.Workflows.Management;

/// <summary>One history event, named as the Durable Functions HTTP API names them.</summary>
public sealed record HistoryEventView(
    [property: JsonPropertyName("EventType")] string EventType,
    [property: JsonPropertyName("EventId")] long EventId,
    [property: JsonPropertyName("Timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("FunctionName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FunctionName,
    [property: JsonPropertyName("TaskScheduledId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TaskScheduledId,
    [property: JsonPropertyName("FireAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? FireAt,
    [property: JsonPropertyName("Result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonPropertyName("FailureDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FailureView? FailureDetails)
{
    public static HistoryEventView Of(WorkflowHistoryEvent historyEvent, bool showOutput)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        return new(
            historyEvent.EventType,
            historyEvent.SequenceNumber,
            historyEvent.Timestamp,
            historyEvent.Name,
            historyEvent.TaskId,
            historyEvent.FireAt,
            showOutput ? InstanceStatusView.Json(historyEvent.Data) : null,
            historyEvent.FailureDetails is { } failure ? new FailureView(failure.ErrorType, failure.ErrorMessage) : null);
    }
}
