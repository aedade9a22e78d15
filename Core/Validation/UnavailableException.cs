namespace Portable.Core.Validation;

/// <summary>The system's own store or queue is down; callers should retry later (503 with Retry-After).</summary>
public sealed class UnavailableException(string message, TimeSpan retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
