using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Schedule;

/// <summary>An EventBridge scheduled event (only the fields this host reads).</summary>
/// <param name="Resources">The ARN of the rule that fired.</param>
public sealed record ScheduledEvent(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("time")] DateTimeOffset? Time,
    [property: JsonPropertyName("resources")] IReadOnlyList<string>? Resources);
