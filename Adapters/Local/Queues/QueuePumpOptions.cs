namespace Portable.Adapters.Local.Queues;

/// <summary>How a <see cref="QueuePump"/> consumes one queue.</summary>
public sealed record QueuePumpOptions
{
    /// <summary>Handlers running at once; one FIFO group counts once, since its messages run one after another.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>
    /// Messages asked for per receive (1 to 10). SQS FIFO may return several messages of one group in a batch; when
    /// the first fails the rest go back unrun, yet their receive counts have grown. Where a failing message must not
    /// push its group's followers towards the dead-letter queue, use 1 for FIFO queues.
    /// </summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Long-poll wait of each receive (at least a second, so that an idle pump never spins).</summary>
    public TimeSpan WaitTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a received message stays hidden; renewed every half of it while its handler runs.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before the first retry of a failed message; doubles with each further receive.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(WaitTime, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(VisibilityTimeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay);
    }
}
