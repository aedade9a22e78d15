using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// The Lambda Runtime API (2018-06-01) as a custom runtime uses it: <c>next</c>, <c>response</c>,
/// <c>error</c> and <c>init/error</c> on <c>http://$AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    public const string ApiVersion = "2018-06-01";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    /// <param name="endpoint">The <c>host:port</c> from <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public RuntimeApiClient(string endpoint)
        : this(endpoint, new SocketsHttpHandler
        {
            // The API is on the function's own loopback: no proxy, cookies or compression to look for.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        })
    {
    }

    public RuntimeApiClient(string endpoint, HttpMessageHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);

        // No timeout: next waits as long as there is no event, and Lambda freezes the process meanwhile.
        _http = new HttpClient(handler) { BaseAddress = new Uri($"http://{endpoint}/{ApiVersion}/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Waits for the next event.</summary>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"The Runtime API answered next with {(int)response.StatusCode}.");
        }

        var requestId = Header(response, RuntimeHeaders.RequestId)
            ?? throw new RuntimeApiException($"The Runtime API answered next without {RuntimeHeaders.RequestId}.");
        var deadline = long.TryParse(Header(response, RuntimeHeaders.Deadline), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.MaxValue;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Invocation(requestId, deadline, Header(response, RuntimeHeaders.FunctionArn), Header(response, RuntimeHeaders.TraceId), body);
    }

    /// <summary>Posts the function's answer; false when Lambda refuses it as too large, so the caller reports an error instead.</summary>
    public async Task<bool> SendResponseAsync(string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(payload);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(InvocationUri(requestId, "response"), content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            return false;
        }

        EnsureAccepted(response, "response");
        return true;
    }

    /// <param name="errorType">The <c>Lambda-Runtime-Function-Error-Type</c> header, <c>Category.Reason</c> as Lambda suggests.</param>
    public Task SendErrorAsync(string requestId, RuntimeError error, string errorType, CancellationToken cancellationToken) =>
        PostErrorAsync(InvocationUri(requestId, "error"), error, errorType, cancellationToken);

    /// <summary>Reports a failure before the first <c>next</c>; Lambda then fails the invocation that started the process.</summary>
    public Task SendInitErrorAsync(RuntimeError error, string errorType, CancellationToken cancellationToken) =>
        PostErrorAsync(new Uri("runtime/init/error", UriKind.Relative), error, errorType, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static Uri InvocationUri(string requestId, string action) =>
        new($"runtime/invocation/{Uri.EscapeDataString(requestId)}/{action}", UriKind.Relative);

    private async Task PostErrorAsync(Uri uri, RuntimeError error, string errorType, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, AwsJsonContext.Default.RuntimeError));
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation(RuntimeHeaders.FunctionErrorType, errorType);
        using var response = await _http.SendAsync(request, cancellationToken);
        EnsureAccepted(response, uri.OriginalString);
    }

    private static void EnsureAccepted(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"The Runtime API answered {call} with {(int)response.StatusCode}.");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
