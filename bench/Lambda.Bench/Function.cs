namespace Portable.Lambda.Bench;

/// <summary>One of the template's functions as the benchmark starts it: its handler and the event of its first invocation.</summary>
/// <param name="Handler">The <c>_HANDLER</c> value.</param>
/// <param name="FirstEvent">What a cold invocation of this function typically carries.</param>
/// <param name="Succeeded">Whether the response is the one this event should get.</param>
public sealed record Function(string Handler, Func<string> FirstEvent, Func<string, bool> Succeeded)
{
    /// <summary>A cheap API request: one metadata value, no store.</summary>
    public static Function Api { get; } = new("api", () => Events.Metadata, body => body.Contains("\"statusCode\":200", StringComparison.Ordinal));

    /// <summary>The one-minute rule's event: a drain of the dispatch queue and a durable sweep.</summary>
    public static Function Schedule { get; } = new("schedule", () => Events.Scheduled, body => !body.Contains("errorType", StringComparison.Ordinal));

    /// <summary>An SQS batch of one error log, stored by the error-log consumer.</summary>
    public static Function Queue(string queuePrefix) =>
        new("queue", () => Events.ErrorLogBatch(queuePrefix), body => body.Contains("\"batchItemFailures\":[]", StringComparison.Ordinal));
}
