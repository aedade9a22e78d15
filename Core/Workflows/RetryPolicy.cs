namespace Portable.Core.Workflows;

/// <summary>
/// How a failed activity or sub-orchestration is retried. The orchestrator applies it with durable
/// timers, so waits between attempts survive restarts and show in history.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
    }

    /// <summary>Attempts in all, the first one included.</summary>
    public int MaxNumberOfAttempts { get; init; }

    public TimeSpan FirstRetryInterval { get; init; }

    /// <summary>Each wait is the previous one times this (1 = constant interval).</summary>
    public double BackoffCoefficient { get; init; } = 1;

    /// <summary>Upper bound of one wait; null = unbounded.</summary>
    public TimeSpan? MaxRetryInterval { get; init; }

    /// <summary>No attempt starts later than this after the first one began; null = no limit.</summary>
    public TimeSpan? RetryTimeout { get; init; }

    /// <summary>Which failures are worth another attempt; null retries every failure.</summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 = the first retry).</summary>
    public TimeSpan GetDelay(int nextAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextAttempt, 2);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
