using Portable.Core.Settings;

namespace Portable.Core.Orders;

/// <summary>How a scheduled run drains the order-dispatch queue (configurable where a host binds <see cref="Section"/>: Lambda's schedule).</summary>
public sealed record DispatchDrainOptions : IValidatedOptions
{
    public const string Section = "Lambda:Dispatch";

    /// <summary>How long each received message stays hidden from other consumers while it is handled.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Long-poll wait of each receive; an empty answer ends the drain.</summary>
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a failed message stays hidden before its next try.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No new receive starts with less time than this left.</summary>
    public TimeSpan MinimumRemaining { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<string> Problems()
    {
        if (VisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:VisibilityTimeout must be at least one second.";
        }

        if (WaitTime < TimeSpan.Zero || RetryDelay < TimeSpan.Zero || MinimumRemaining < TimeSpan.Zero)
        {
            yield return $"{Section}:WaitTime, RetryDelay and MinimumRemaining must not be negative.";
        }
    }
}
