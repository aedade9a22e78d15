using System.Text.Json;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.History;

/// <summary>The one JSON form of events and failure details, shared by every store.</summary>
public static class HistorySerializer
{
    public static string Serialize(HistoryEvent historyEvent) =>
        JsonSerializer.Serialize(historyEvent, HistoryJsonContext.Default.HistoryEvent);

    public static HistoryEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize(payload, HistoryJsonContext.Default.HistoryEvent)
        ?? throw new JsonException("A history event payload was null.");

    public static string? SerializeFailure(TaskFailureDetails? failure) =>
        failure is null ? null : JsonSerializer.Serialize(failure, HistoryJsonContext.Default.TaskFailureDetails);

    public static TaskFailureDetails? DeserializeFailure(string? payload) =>
        payload is null ? null : JsonSerializer.Deserialize(payload, HistoryJsonContext.Default.TaskFailureDetails);
}
