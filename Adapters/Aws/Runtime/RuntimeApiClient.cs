using System.Globalization;
using System.Text.Json;
using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// The Lambda Runtime API (2018-06-01) as a custom runtime uses it: <c>next</c>, <c>response</c>,
/// <c>error</c> and <c>init/error</c> on <c>http://$AWS_LAMBDA_RUNTIME_API</c>, over one keep-alive
/// <see cref="RuntimeApiConnection"/>, each call blocking its thread until answered. Every failure to reach or understand
/// the API is a <see cref="RuntimeApiException"/>.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    public const string ApiVersion = "2018-06-01";

    private const string Root = "/" + ApiVersion + "/runtime/";

    private static readonly KeyValuePair<string, string> Json = new("Content-Type", "application/json");
    private static readonly KeyValuePair<string, string>[] JsonOnly = [Json];

    private readonly RuntimeApiConnection _connection;

    /// <param name="endpoint">The <c>host:port</c> from <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <exception cref="ArgumentException">The endpoint is not <c>host:port</c>.</exception>
    public RuntimeApiClient(string endpoint)
    {
        // No timeout: next waits as long as there is no event, and Lambda freezes the process meanwhile.
        _connection = new RuntimeApiConnection(endpoint);
    }

    /// <summary>Waits for the next event, blocking the calling thread.</summary>
    public Invocation Next(CancellationToken cancellationToken)
    {
        var response = _connection.Send("GET", Root + "invocation/next", null, [], cancellationToken);
        if (!response.IsSuccess)
        {
            throw new RuntimeApiException($"The Runtime API answered next with {response.StatusCode}.");
        }

        var requestId = response.Header(RuntimeHeaders.RequestId)
            ?? throw new RuntimeApiException($"The Runtime API answered next without {RuntimeHeaders.RequestId}.");
        var deadline = long.TryParse(response.Header(RuntimeHeaders.Deadline), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.MaxValue;
        return new Invocation(requestId, deadline, response.Header(RuntimeHeaders.FunctionArn), response.Header(RuntimeHeaders.TraceId), response.Body);
    }

    /// <summary>Posts the function's answer; false when Lambda refuses it as too large, so the caller reports an error instead.</summary>
    public bool SendResponse(string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var response = _connection.Send("POST", InvocationPath(requestId, "response"), payload, JsonOnly, cancellationToken);
        if (response.StatusCode == 413)
        {
            return false;
        }

        EnsureAccepted(response, "response");
        return true;
    }

    /// <param name="errorType">The <c>Lambda-Runtime-Function-Error-Type</c> header, <c>Category.Reason</c> as Lambda suggests.</param>
    public void SendError(string requestId, RuntimeError error, string errorType, CancellationToken cancellationToken) =>
        PostError(InvocationPath(requestId, "error"), error, errorType, cancellationToken);

    /// <summary>Reports a failure before the first <c>next</c>; Lambda then fails the invocation that started the process.</summary>
    public void SendInitError(RuntimeError error, string errorType, CancellationToken cancellationToken) =>
        PostError(Root + "init/error", error, errorType, cancellationToken);

    public void Dispose() => _connection.Dispose();

    private static string InvocationPath(string requestId, string action) =>
        $"{Root}invocation/{Uri.EscapeDataString(requestId)}/{action}";

    private void PostError(string path, RuntimeError error, string errorType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, AwsJsonContext.Default.RuntimeError);
        var response = _connection.Send("POST", path, body, [Json, new(RuntimeHeaders.FunctionErrorType, errorType)], cancellationToken);
        EnsureAccepted(response, path);
    }

    private static void EnsureAccepted(RuntimeApiResponse response, string call)
    {
        if (!response.IsSuccess)
        {
            throw new RuntimeApiException($"The Runtime API answered {call} with {response.StatusCode}.");
        }
    }
}
