using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Core.Validation;

namespace Portable.Core.Observations;

/// <summary>
/// OAuth2 client-credentials tokens (RFC 6749 §4.4) for the statistics API. A token is reused until shortly
/// before it expires; concurrent callers that find it stale wait for a single refresh.
/// </summary>
public sealed class ClientCredentialsTokenSource
{
    // Refresh this long before expiry so a token never lapses between being handed out and being used.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    // Used when the issuer omits expires_in; a shorter real lifetime is caught by the API's 401 and Invalidate.
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    private readonly HttpClient _httpClient;
    private readonly ObservationsOptions _options;
    private readonly Uri _tokenUrl;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AuthenticationHeaderValue _clientAuthentication;

    // Never disposed: SemaphoreSlim holds no OS handle unless AvailableWaitHandle is read, and it is not.
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile AccessToken? _current;

    public ClientCredentialsTokenSource(
        HttpClient httpClient,
        ObservationsOptions options,
        TimeProvider timeProvider,
        ILogger<ClientCredentialsTokenSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options;
        _tokenUrl = options.TokenUrl ?? throw new ArgumentException("Observations:TokenUrl is not set.", nameof(options));
        _timeProvider = timeProvider;
        _logger = logger;

        // RFC 6749 §2.3.1: form-encode id and secret before joining them for HTTP Basic.
        var credentials = $"{WebUtility.UrlEncode(options.ClientId)}:{WebUtility.UrlEncode(options.ClientSecret)}";
        _clientAuthentication = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>Returns a bearer token, requesting a new one only when none is cached or it is about to expire.</summary>
    /// <exception cref="UpstreamException">The token endpoint refused the credentials or answered nonsense.</exception>
    /// <exception cref="HttpRequestException">The token endpoint was unreachable or failed transiently.</exception>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Usable(_current) is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the lock before us may already have refreshed.
            if (Usable(_current) is { } refreshed)
            {
                return refreshed;
            }

            var issued = await RequestAsync(cancellationToken);
            _current = issued;
            return issued.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="rejectedToken"/> after the API refused it. A newer token fetched meanwhile by
    /// another caller is kept.
    /// </summary>
    public void Invalidate(string rejectedToken)
    {
        var current = _current;
        if (current is not null && string.Equals(current.Value, rejectedToken, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private string? Usable(AccessToken? token) =>
        token is not null && _timeProvider.GetUtcNow() < token.RefreshAt ? token.Value : null;

    private async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (_options.Scope is { } scope)
        {
            fields.Add(new("scope", scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = _clientAuthentication;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        // Measured before sending, so the lifetime is counted from no later than the issuer counts it.
        var requestedAt = _timeProvider.GetUtcNow();
        using var response = await _httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            throw TransientHttp.IsTransient(response.StatusCode)
                ? new HttpRequestException($"The token endpoint answered {status}.", null, response.StatusCode)
                : new UpstreamException($"The token endpoint refused the client credentials ({status}).", timedOut: false);
        }

        var token = await ReadAsync(response, cancellationToken);
        var lifetime = token.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, int.MaxValue)) : AssumedLifetime;
        var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
        _logger.TokenIssued(_tokenUrl, lifetime);
        return new AccessToken(token.AccessToken!, requestedAt + lifetime - margin);
    }

    private static async Task<TokenResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        TokenResponse? token;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            token = await JsonSerializer.DeserializeAsync(body, ObservationsJsonContext.Default.TokenResponse, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException("The token endpoint's answer is not a valid JSON token response.", timedOut: false, ex);
        }

        if (string.IsNullOrEmpty(token?.AccessToken))
        {
            throw new UpstreamException("The token endpoint's answer has no access_token.", timedOut: false);
        }

        if (token.TokenType is { } type && !string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new UpstreamException($"The token endpoint issued a '{type}' token; only bearer tokens are supported.", timedOut: false);
        }

        return token;
    }
}
