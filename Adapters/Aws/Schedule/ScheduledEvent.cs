namespace Portable.Adapters.Aws.Schedule;

/// <summary>An EventBridge scheduled event (only the fields this host reads).</summary>
/// <param name="Resources">The ARN of the rule that fired.</param>
public sealed record ScheduledEvent(
    string? Id,
    DateTimeOffset? Time,
    IReadOnlyList<string>? Resources);
