using System.Text.Json;

namespace Portable.Core.Workflows.Management;

/// <summary>An instance's status in the shape of the Durable Functions HTTP API.</summary>
public sealed record InstanceStatusView(
    string Name,
    string InstanceId,
    WorkflowRuntimeStatus RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    FailureView? FailureDetails,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    IReadOnlyList<HistoryEventView>? HistoryEvents)
{
    public static InstanceStatusView Of(WorkflowInstance instance, bool showInput, bool showHistory, bool showHistoryOutput)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus,
            showInput ? Json(instance.SerializedInput) : null,
            Json(instance.SerializedCustomStatus),
            Json(instance.SerializedOutput) ?? (instance.FailureDetails is { } failure ? JsonSerializer.SerializeToElement(failure.ErrorMessage, ManagementJsonContext.Default.String) : null),
            instance.FailureDetails is { } details ? new FailureView(details.ErrorType, details.ErrorMessage) : null,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            showHistory ? HistoryEventView.Of(instance.History ?? [], showHistoryOutput) : null);
    }

    internal static JsonElement? Json(string? serialized) =>
        serialized is null ? null : JsonDocument.Parse(serialized).RootElement.Clone();
}
