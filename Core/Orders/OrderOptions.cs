using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Core.Orders;

/// <summary>Settings of the order service (<c>Orders:*</c>).</summary>
public sealed record OrderOptions : IValidatedOptions
{
    public const string Section = "Orders";

    /// <summary>The simulated gateway declines amounts above this (<c>Orders:Payment:Limit</c>).</summary>
    [ConfigurationKeyName("Payment:Limit")]
    public int PaymentLimit { get; set; } = 10_000;

    /// <summary>The simulated gateway fails this many first attempts of each charge (<c>Orders:Payment:TransientFailures</c>).</summary>
    [ConfigurationKeyName("Payment:TransientFailures")]
    public int PaymentTransientFailures { get; set; }

    /// <summary>How often the dispatcher drains the dispatch queue besides on arrival (<c>Orders:DispatchInterval</c>).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time in transit before an order is delivered (<c>Orders:DeliveryDelay</c>).</summary>
    public TimeSpan DeliveryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of the payment activity before the order fails (<c>Orders:Payment:MaxAttempts</c>).</summary>
    [ConfigurationKeyName("Payment:MaxAttempts")]
    public int PaymentMaxAttempts { get; set; } = 5;

    /// <summary>First retry interval of the payment activity, doubled each time (<c>Orders:Payment:FirstRetryInterval</c>).</summary>
    [ConfigurationKeyName("Payment:FirstRetryInterval")]
    public TimeSpan PaymentFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Problems()
    {
        if (PaymentLimit < 1)
        {
            yield return $"{Section}:Payment:Limit must be at least 1; it is {PaymentLimit}.";
        }

        if (PaymentTransientFailures < 0)
        {
            yield return $"{Section}:Payment:TransientFailures must not be negative; it is {PaymentTransientFailures}.";
        }

        if (PaymentMaxAttempts < 1)
        {
            yield return $"{Section}:Payment:MaxAttempts must be at least 1; it is {PaymentMaxAttempts}.";
        }

        foreach (var (key, value) in new[]
                 {
                     ("Payment:FirstRetryInterval", PaymentFirstRetryInterval), ("DispatchInterval", DispatchInterval), ("DeliveryDelay", DeliveryDelay),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Section}:{key} must be a positive duration such as 00:01:00; it is {value}.";
            }
        }
    }
}
