using Portable.Core.Settings;

namespace Portable.Core.Quality;

/// <summary>Settings of the lab-staff notification (<c>Quality:Notifier:*</c>).</summary>
public sealed record QualityNotifierOptions : IValidatedOptions
{
    public const string Section = "Quality:Notifier";

    /// <summary>Where notifications are POSTed: an absolute http(s) URL, required on every host.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Attempts of the workflow's notify activity.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The notify activity's first retry interval, doubled each time.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one webhook call may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How a failed sample's notification leaves its workflow.</summary>
    public NotificationDelivery Delivery { get; set; } = NotificationDelivery.Direct;

    public bool ViaQueue => Delivery == NotificationDelivery.Queue;

    public IEnumerable<string> Problems()
    {
        if (WebhookUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return $"{Section}:WebhookUrl must be set to an absolute http(s) URL: failed samples are notified there.";
        }

        if (MaxAttempts < 1)
        {
            yield return $"{Section}:MaxAttempts must be at least 1; it is {MaxAttempts}.";
        }

        if (FirstRetryInterval <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            yield return $"{Section}:FirstRetryInterval and {Section}:Timeout must be positive durations such as 00:00:10.";
        }

        if (!Enum.IsDefined(Delivery))
        {
            yield return $"{Section}:Delivery must be Direct or Queue.";
        }
    }
}
