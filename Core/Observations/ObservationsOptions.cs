using System.Globalization;
using System.Text;
using Portable.Core.Settings;

namespace Portable.Core.Observations;

/// <summary>
/// Where and how to fetch observations (<c>Observations:*</c>). <see cref="BaseUrl"/> is the complete SDMX data URL
/// (dataflow, key and any fixed query such as <c>detail=dataonly</c>); the caller's startPeriod is appended to it. The
/// service is optional: with none of its four required keys set the route answers 503 naming them; with some set, all
/// must be, and the host stops at start naming what is missing or malformed.
/// </summary>
public sealed record ObservationsOptions : IValidatedOptions
{
    public const string Section = "Observations";

    public Uri? BaseUrl { get; set; }

    public Uri? TokenUrl { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The OAuth2 scope to request, when the token endpoint needs one.</summary>
    public string? Scope { get; set; }

    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upstream attempts per fetch, the first included.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each later retry waits twice as long as the one before.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait a Retry-After may ask for; a longer one ends the fetch instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The budget of one attempt: token, request and reading the body.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The required keys left unset; all four when the service is not configured at all.</summary>
    public IReadOnlyList<string> MissingKeys()
    {
        var missing = new List<string>();
        if (BaseUrl is null)
        {
            missing.Add(Key(nameof(BaseUrl)));
        }

        if (TokenUrl is null)
        {
            missing.Add(Key(nameof(TokenUrl)));
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            missing.Add(Key(nameof(ClientId)));
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            missing.Add(Key(nameof(ClientSecret)));
        }

        return missing;
    }

    public bool IsConfigured => MissingKeys().Count == 0;

    /// <summary>The problems of a partly or wrongly configured service; they name keys, never the secret's value.</summary>
    public IEnumerable<string> Problems()
    {
        var missing = MissingKeys();
        if (missing.Count is > 0 and < 4)
        {
            yield return $"{string.Join(", ", missing)} must be set too: the statistics API needs all of {Key(nameof(BaseUrl))}, {Key(nameof(TokenUrl))}, {Key(nameof(ClientId))} and {Key(nameof(ClientSecret))}.";
        }

        foreach (var (name, url) in new[] { (nameof(BaseUrl), BaseUrl), (nameof(TokenUrl), TokenUrl) })
        {
            if (url is not null && url is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
            {
                yield return $"{Key(name)} must be an absolute http or https URL.";
            }
        }

        if (MaxAttempts < 1)
        {
            yield return $"{Key(nameof(MaxAttempts))} must be a whole number of at least 1.";
        }

        if (CacheDuration < TimeSpan.Zero || FirstRetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero)
        {
            yield return $"{Key(nameof(CacheDuration))}, {Key(nameof(FirstRetryDelay))} and {Key(nameof(MaxRetryDelay))} must be non-negative durations such as 00:00:10.";
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return $"{Key(nameof(RequestTimeout))} must be a positive duration such as 00:00:10.";
        }
    }

    // Records print every property; the secret must not reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"BaseUrl = {BaseUrl}, TokenUrl = {TokenUrl}, ClientId = {ClientId}, ClientSecret = ***, ");
        builder.Append(CultureInfo.InvariantCulture, $"Scope = {Scope}, CacheDuration = {CacheDuration}, MaxAttempts = {MaxAttempts}, ");
        builder.Append(CultureInfo.InvariantCulture, $"FirstRetryDelay = {FirstRetryDelay}, MaxRetryDelay = {MaxRetryDelay}, RequestTimeout = {RequestTimeout}");
        return true;
    }

    private static string Key(string name) => $"{Section}:{name}";
}
