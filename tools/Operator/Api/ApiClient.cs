using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portable.Operator.Cli;

namespace Portable.Operator.Api;

/// <summary>
/// Plain HTTP to a host: a request with the credential it names, the answer read as JSON. Only what stops every
/// request (the host unreachable, no answer in time, an answer that is not JSON) is thrown; statuses are the caller's
/// to judge.
/// </summary>
public sealed class ApiClient(HttpClient http, Uri baseUrl) : IDisposable
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public Uri BaseUrl { get; } = baseUrl;

    public static ApiClient Create(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var http = new HttpClient { Timeout = connection.RequestTimeout };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("portable-operator", "1.0"));
        return new ApiClient(http, connection.BaseUrl);
    }

    public async Task<ApiAnswer> SendAsync(
        HttpMethod method, string pathAndQuery, Credential? credential, string? json = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var uri = new Uri(BaseUrl, pathAndQuery.TrimStart('/'));
        using var request = new HttpRequestMessage(method, uri);
        credential?.Apply(request.Headers);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new OperatorException(ExitCodes.Unavailable, $"Cannot reach {BaseUrl.GetLeftPart(UriPartial.Authority)}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OperatorException(ExitCodes.Unavailable, $"{BaseUrl.GetLeftPart(UriPartial.Authority)} did not answer {method} {uri.AbsolutePath} within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            return new ApiAnswer(
                status,
                Parse(text, status, method, uri),
                response.Headers.TryGetValues(ContinuationHeader, out var tokens) ? tokens.FirstOrDefault() : null,
                response.Headers.Location?.ToString());
        }
    }

    public void Dispose() => http.Dispose();

    private static JsonElement? Parse(string text, int status, HttpMethod method, Uri uri)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A proxy's or gateway's page: say where it came from rather than what it failed to parse as.
            var first = text.Trim().Split('\n')[0];
            throw new OperatorException(
                status is >= 400 and < 500 ? Classify(status) : ExitCodes.Unavailable,
                $"{method} {uri.AbsolutePath} answered {status} with a body that is not JSON: {(first.Length > 120 ? first[..120] + "..." : first)}");
        }
    }

    /// <summary>The exit code for a refusal of this status.</summary>
    public static int Classify(int status) => status switch
    {
        401 or 403 => ExitCodes.AuthRefused,
        404 => ExitCodes.NotFound,
        429 or >= 500 => ExitCodes.Unavailable,
        _ => ExitCodes.Failed,
    };
}
