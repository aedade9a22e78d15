using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.Observations;

/// <summary>
/// Where and how to fetch observations. <see cref="BaseUrl"/> is the complete SDMX data URL (dataflow,
/// key and any fixed query such as <c>detail=dataonly</c>); the caller's startPeriod is appended to it.
/// </summary>
public sealed record ObservationsOptions
{
    public const string Section = "Observations";

    public required Uri BaseUrl { get; init; }

    public required Uri TokenUrl { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>The OAuth2 scope to request, when the token endpoint needs one.</summary>
    public string? Scope { get; init; }

    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upstream attempts per fetch, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the first retry; each later retry waits twice as long as the one before.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait a Retry-After may ask for; a longer one ends the fetch instead.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The budget of one attempt: token, request and reading the body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads <c>Observations:*</c>. BaseUrl, TokenUrl, ClientId and ClientSecret are required; the rest are
    /// optional, durations in <c>hh:mm:ss</c> form.
    /// </summary>
    /// <exception cref="InvalidOperationException">A key is missing or malformed; the message names the key, never the secret.</exception>
    public static ObservationsOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ObservationsOptions
        {
            BaseUrl = HttpUrl(configuration, nameof(BaseUrl)),
            TokenUrl = HttpUrl(configuration, nameof(TokenUrl)),
            ClientId = Required(configuration, nameof(ClientId)),
            ClientSecret = Required(configuration, nameof(ClientSecret)),
            Scope = Optional(configuration, nameof(Scope)),
        };

        // Absent optional keys keep the defaults declared on the properties above.
        return options with
        {
            CacheDuration = Duration(configuration, nameof(CacheDuration), options.CacheDuration, allowZero: true),
            MaxAttempts = Attempts(configuration, options.MaxAttempts),
            FirstRetryDelay = Duration(configuration, nameof(FirstRetryDelay), options.FirstRetryDelay, allowZero: true),
            MaxRetryDelay = Duration(configuration, nameof(MaxRetryDelay), options.MaxRetryDelay, allowZero: true),
            RequestTimeout = Duration(configuration, nameof(RequestTimeout), options.RequestTimeout, allowZero: false),
        };
    }

    /// <summary>The required keys that <paramref name="configuration"/> lacks: none when <see cref="FromConfiguration"/> can build the options (or names a malformed value).</summary>
    public static IReadOnlyList<string> MissingKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. new[] { nameof(BaseUrl), nameof(TokenUrl), nameof(ClientId), nameof(ClientSecret) }
            .Where(name => Optional(configuration, name) is null)
            .Select(Key)];
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

    private static string? Optional(IConfiguration configuration, string name) =>
        configuration[Key(name)] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Required(IConfiguration configuration, string name) =>
        Optional(configuration, name) ?? throw new InvalidOperationException($"Configuration key '{Key(name)}' is required.");

    private static Uri HttpUrl(IConfiguration configuration, string name)
    {
        var value = Required(configuration, name);
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new InvalidOperationException($"Configuration key '{Key(name)}' must be an absolute http or https URL.");
    }

    private static TimeSpan Duration(IConfiguration configuration, string name, TimeSpan fallback, bool allowZero)
    {
        if (Optional(configuration, name) is not { } value)
        {
            return fallback;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && (duration > TimeSpan.Zero || (allowZero && duration == TimeSpan.Zero))
            ? duration
            : throw new InvalidOperationException(
                $"Configuration key '{Key(name)}' must be a {(allowZero ? "non-negative" : "positive")} duration such as 00:00:10.");
    }

    private static int Attempts(IConfiguration configuration, int fallback)
    {
        if (Optional(configuration, nameof(MaxAttempts)) is not { } value)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1
            ? attempts
            : throw new InvalidOperationException($"Configuration key '{Key(nameof(MaxAttempts))}' must be a whole number of at least 1.");
    }
}
