using System.Text.Json.Serialization;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.History;

/// <summary>Source-generated metadata for what stores persist: events and failure details.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(TaskFailureDetails))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
