namespace Portable.Adapters.Sqlite.Messaging;

public sealed record SqliteQueueOptions
{
    /// <summary>Receives before a message moves to its dead-letter queue, as the <c>maxReceiveCount</c> of an SQS redrive policy.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>
    /// How often a long-polling receiver looks again without a signal: sends in this process wake it at once, but
    /// lapsed visibility timeouts, ended delays and other processes' sends are only seen by looking.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
