using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.Orders;

/// <summary>How a scheduled run drains the order-dispatch queue (the Lambda host reads them from <c>Lambda:Dispatch</c>).</summary>
public sealed record DispatchDrainOptions
{
    /// <summary>How long each received message stays hidden from other consumers while it is handled.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Long-poll wait of each receive; an empty answer ends the drain.</summary>
    public TimeSpan WaitTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a failed message stays hidden before its next try.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No new receive starts with less time than this left.</summary>
    public TimeSpan MinimumRemaining { get; init; } = TimeSpan.FromSeconds(3);

    public static DispatchDrainOptions FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new DispatchDrainOptions();
        return options with
        {
            VisibilityTimeout = Read(section, "VisibilityTimeout") ?? options.VisibilityTimeout,
            WaitTime = Read(section, "WaitTime") ?? options.WaitTime,
            RetryDelay = Read(section, "RetryDelay") ?? options.RetryDelay,
            MinimumRemaining = Read(section, "MinimumRemaining") ?? options.MinimumRemaining,
        };
    }

    private static TimeSpan? Read(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : null;
}
