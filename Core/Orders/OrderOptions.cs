using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.Orders;

/// <summary>Settings of the order service (<c>Orders:*</c>).</summary>
public sealed record OrderOptions
{
    /// <summary>The simulated gateway declines amounts above this (<c>Orders:Payment:Limit</c>).</summary>
    public int PaymentLimit { get; init; } = 10_000;

    /// <summary>The simulated gateway fails this many first attempts of each charge (<c>Orders:Payment:TransientFailures</c>).</summary>
    public int PaymentTransientFailures { get; init; }

    /// <summary>How often the dispatcher drains the dispatch queue besides on arrival (<c>Orders:DispatchInterval</c>).</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time in transit before an order is delivered (<c>Orders:DeliveryDelay</c>).</summary>
    public TimeSpan DeliveryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of the payment activity before the order fails (<c>Orders:Payment:MaxAttempts</c>).</summary>
    public int PaymentMaxAttempts { get; init; } = 5;

    /// <summary>First retry interval of the payment activity, doubled each time (<c>Orders:Payment:FirstRetryInterval</c>).</summary>
    public TimeSpan PaymentFirstRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static OrderOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new OrderOptions();
        return new OrderOptions
        {
            PaymentLimit = Int(configuration, "Orders:Payment:Limit", defaults.PaymentLimit, min: 1),
            PaymentTransientFailures = Int(configuration, "Orders:Payment:TransientFailures", defaults.PaymentTransientFailures, min: 0),
            PaymentMaxAttempts = Int(configuration, "Orders:Payment:MaxAttempts", defaults.PaymentMaxAttempts, min: 1),
            PaymentFirstRetryInterval = Span(configuration, "Orders:Payment:FirstRetryInterval", defaults.PaymentFirstRetryInterval),
            DispatchInterval = Span(configuration, "Orders:DispatchInterval", defaults.DispatchInterval),
            DeliveryDelay = Span(configuration, "Orders:DeliveryDelay", defaults.DeliveryDelay),
        };
    }

    private static int Int(IConfiguration configuration, string key, int fallback, int min)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidOperationException($"{key} must be an integer of at least {min}; it is '{text}'.");
    }

    private static TimeSpan Span(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{key} must be a positive time span such as 00:01:00; it is '{text}'.");
    }
}
