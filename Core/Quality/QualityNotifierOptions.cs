using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.Quality;

/// <summary>Settings of the lab-staff notification (<c>Quality:Notifier:*</c>).</summary>
public sealed record QualityNotifierOptions(Uri? WebhookUrl, int MaxAttempts, TimeSpan FirstRetryInterval, TimeSpan Timeout)
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
            TimeSpan.TryParse(configuration["Quality:Notifier:Timeout"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(10));
    }
}
