using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Portable.Core.Validation;

namespace Portable.Core.Observations;

/// <summary>
/// Fetches observations from the configured SDMX statistics API: a bearer token per request, retries with
/// exponential backoff for transient failures, and a per-startPeriod cache that also merges concurrent
/// identical requests into one upstream call.
/// </summary>
public sealed class ObservationsService
{
    private const string SdmxJsonMediaType = "application/vnd.sdmx.data+json";

    private readonly HttpClient _httpClient;
    private readonly ClientCredentialsTokenSource _tokenSource;
    private readonly ObservationsOptions _options;
    private readonly Uri _baseUrl;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    // Keyed by normalized startPeriod ("" for all periods). A pending task is an upstream call in flight;
    // a completed one is a cached result until FetchedAt + CacheDuration. Failed calls remove themselves.
    private readonly ConcurrentDictionary<string, Task<ObservationsResult>> _cache = new(StringComparer.Ordinal);

    public ObservationsService(
        HttpClient httpClient,
        ClientCredentialsTokenSource tokenSource,
        ObservationsOptions options,
        TimeProvider timeProvider,
        ILogger<ObservationsService> logger)
    {
        _httpClient = httpClient;
        ArgumentNullException.ThrowIfNull(options);
        _tokenSource = tokenSource;
        _options = options;
        _baseUrl = options.BaseUrl ?? throw new ArgumentException("Observations:BaseUrl is not set.", nameof(options));
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Returns the observations from <paramref name="startPeriod"/> on (all periods when null or blank).</summary>
    /// <exception cref="ValidationException">startPeriod is not a period (400).</exception>
    /// <exception cref="UpstreamException">The statistics API failed (502) or did not answer in time (504).</exception>
    public async Task<ObservationsResult> GetAsync(string? startPeriod, CancellationToken cancellationToken)
    {
        var period = StartPeriod.Normalize(startPeriod);
        var key = period ?? string.Empty;
        while (true)
        {
            if (_cache.TryGetValue(key, out var entry))
            {
                if (!entry.IsCompleted)
                {
                    return await entry.WaitAsync(cancellationToken) with { FromCache = true };
                }

                if (entry.IsCompletedSuccessfully && !IsExpired(entry.Result))
                {
                    return entry.Result with { FromCache = true };
                }

                // Expired. Removing only this very entry never discards a fresher one another caller just added.
                _cache.TryRemove(KeyValuePair.Create(key, entry));
                continue;
            }

            var fetch = new TaskCompletionSource<ObservationsResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_cache.TryAdd(key, fetch.Task))
            {
                continue;
            }

            RemoveExpired();
            _ = FillAsync(key, period, fetch);
            return await fetch.Task.WaitAsync(cancellationToken);
        }
    }

    private bool IsExpired(ObservationsResult result) => _timeProvider.GetUtcNow() >= result.FetchedAt + _options.CacheDuration;

    // Bounds memory when many distinct startPeriods are asked for once each.
    private void RemoveExpired()
    {
        foreach (var pair in _cache)
        {
            if (pair.Value.IsCompletedSuccessfully && IsExpired(pair.Value.Result))
            {
                _cache.TryRemove(pair);
            }
        }
    }

    private async Task FillAsync(string key, string? period, TaskCompletionSource<ObservationsResult> fetch)
    {
        try
        {
            // Not tied to the first caller's token: others may be waiting on this call, and one caller leaving
            // must not fail them. RequestTimeout and MaxAttempts bound how long it can run.
            var observations = await FetchAsync(period, CancellationToken.None);
            fetch.SetResult(new ObservationsResult(period, observations, _timeProvider.GetUtcNow(), FromCache: false));
        }
        catch (Exception ex)
        {
            // Failures are not cached: remove first, so a caller that sees this failure and retries starts afresh.
            _cache.TryRemove(KeyValuePair.Create(key, fetch.Task));
            fetch.SetException(ex);
        }
    }

    private async Task<IReadOnlyList<Observation>> FetchAsync(string? period, CancellationToken cancellationToken)
    {
        var uri = DataUri(period);
        var label = period ?? "(all)";
        var attempt = 1;
        var tokenRenewed = false;
        while (true)
        {
            string reason;
            var timedOut = false;
            TimeSpan? retryAfter = null;
            Exception? cause = null;

            // One budget for the whole attempt: token, headers and body.
            using (var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider))
            using (var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    var token = await _tokenSource.GetTokenAsync(attemptToken.Token);
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(SdmxJsonMediaType));
                    using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken.Token);

                    if (response.IsSuccessStatusCode)
                    {
                        var observations = await ParseAsync(response, label, attemptToken.Token);
                        _logger.Fetched(label, observations.Count, attempt);
                        return observations;
                    }

                    // The token may have been revoked or expired early: renew it once, without spending an attempt.
                    if (response.StatusCode == HttpStatusCode.Unauthorized && !tokenRenewed)
                    {
                        _tokenSource.Invalidate(token);
                        tokenRenewed = true;
                        _logger.TokenRejected();
                        continue;
                    }

                    reason = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    if (!TransientHttp.IsTransient(response.StatusCode))
                    {
                        _logger.GaveUp(label, attempt, reason);
                        throw new UpstreamException($"The statistics API answered {reason}.", timedOut: false);
                    }

                    retryAfter = RetryAfter(response);
                }
                catch (HttpRequestException ex)
                {
                    reason = ex.Message;
                    cause = ex;
                }
                catch (IOException ex)
                {
                    // The connection broke while the body was being read.
                    reason = ex.Message;
                    cause = ex;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Our attempt budget, or HttpClient.Timeout if a host set it shorter.
                    reason = $"no answer within {_options.RequestTimeout}";
                    timedOut = true;
                    cause = ex;
                }
            }

            if (attempt >= _options.MaxAttempts)
            {
                _logger.GaveUp(label, attempt, reason);
                throw new UpstreamException(
                    timedOut
                        ? $"The statistics API did not answer within {_options.RequestTimeout} after {attempt} attempt(s)."
                        : $"The statistics API failed after {attempt} attempt(s): {reason}.",
                    timedOut,
                    cause);
            }

            var delay = Backoff(attempt);
            if (retryAfter is { } asked)
            {
                if (asked > _options.MaxRetryDelay)
                {
                    _logger.GaveUp(label, attempt, reason);
                    throw new UpstreamException(
                        $"The statistics API asked to retry after {asked}, longer than the {_options.MaxRetryDelay} allowed ({reason}).",
                        timedOut: false);
                }

                delay = asked > delay ? asked : delay;
            }

            _logger.Retrying(attempt, _options.MaxAttempts, label, reason, delay);
            await Task.Delay(delay, _timeProvider, cancellationToken);
            attempt++;
        }
    }

    private async Task<IReadOnlyList<Observation>> ParseAsync(HttpResponseMessage response, string label, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await SdmxJsonReader.ReadAsync(body, cancellationToken);
        }
        catch (SdmxFormatException ex)
        {
            // Not retried: the same query would most likely get the same document back.
            _logger.MalformedDocument(label, ex.Path, ex);
            throw new UpstreamException($"The statistics API returned a malformed SDMX-JSON document: {ex.Message}", timedOut: false, ex);
        }
    }

    private Uri DataUri(string? period)
    {
        if (period is null)
        {
            return _baseUrl;
        }

        // BaseUrl may carry its own query (detail=dataonly, dimensionAtObservation=...); keep it.
        var builder = new UriBuilder(_baseUrl);
        var query = builder.Query.TrimStart('?');
        builder.Query = $"{query}{(query.Length == 0 ? string.Empty : "&")}startPeriod={Uri.EscapeDataString(period)}";
        return builder.Uri;
    }

    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.FirstRetryDelay.Ticks * Math.Pow(2, attempt - 1);
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxRetryDelay.Ticks));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _timeProvider.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
