using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.Quality;

/// <summary>Settings of the lab-staff notification (<c>Quality:Notifier:*</c>).</summary>
/// <param name="WebhookUrl">Where notifications are POSTed.</param>
/// <param name="MaxAttempts">Attempts of the workflow's notify activity.</param>
/// <param name="FirstRetryInterval">Its first retry interval, doubled each time.</param>
/// <param name="Timeout">How long one webhook call may take.</param>
/// <param name="ViaQueue">
/// <c>Quality:Notifier:Delivery=Queue</c>: the workflow hands notifications to the <c>qc-notifications</c> queue and its
/// consumer delivers them; <c>Direct</c> (the default): the workflow's activity calls the webhook itself.
/// </param>
public sealed record QualityNotifierOptions(Uri? WebhookUrl, int MaxAttempts, TimeSpan FirstRetryInterval, TimeSpan Timeout, bool ViaQueue = false)
{
    public static QualityNotifierOptions FromConfiguration(IConfiguration configuration)
    {
        var url = configuration["Quality:Notifier:WebhookUrl"];
        Uri? webhook = null;
        if (!string.IsNullOrWhiteSpace(url) && (!Uri.TryCreate(url, UriKind.Absolute, out webhook) || webhook.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"Quality:Notifier:WebhookUrl must be an absolute http(s) URL; it is '{url}'.");
        }

        return new QualityNotifierOptions(
            webhook,
            int.TryParse(configuration["Quality:Notifier:MaxAttempts"], NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts > 0 ? attempts : 5,
            TimeSpan.TryParse(configuration["Quality:Notifier:FirstRetryInterval"], CultureInfo.InvariantCulture, out var first) && first > TimeSpan.Zero ? first : TimeSpan.FromSeconds(1),
            TimeSpan.TryParse(configuration["Quality:Notifier:Timeout"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(10),
            (configuration["Quality:Notifier:Delivery"] ?? "Direct") switch
            {
                var mode when mode.Equals("Direct", StringComparison.OrdinalIgnoreCase) => false,
                var mode when mode.Equals("Queue", StringComparison.OrdinalIgnoreCase) => true,
                var mode => throw new InvalidOperationException($"Quality:Notifier:Delivery must be Direct or Queue; it is '{mode}'."),
            });
    }
}
