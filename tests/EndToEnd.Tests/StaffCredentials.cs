using System.Net.Http.Headers;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// What the lab's and the operators' tools send, for the tests that play them: the lab key on the quality routes and
/// an operator key on notification retries, the management API and the dashboard's data, unless the test set a
/// credential of its own. The authorization matrix uses a client without it.
/// </summary>
internal sealed class StaffCredentials(string labKey, string operatorKey) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (!HasCredential(request.Headers))
        {
            if (path.StartsWith("/runtime/", StringComparison.Ordinal) || path.StartsWith("/dashboard/api/", StringComparison.Ordinal)
                || (path.StartsWith("/api/samples/", StringComparison.Ordinal) && path.EndsWith("/notify", StringComparison.Ordinal)))
            {
                request.Headers.Add("x-functions-key", operatorKey);
            }
            else if (path.StartsWith("/api/qc/", StringComparison.Ordinal) || path.StartsWith("/api/samples", StringComparison.Ordinal))
            {
                request.Headers.Add("x-api-key", labKey);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool HasCredential(HttpRequestHeaders headers) =>
        headers.Authorization is not null || headers.Contains("x-api-key") || headers.Contains("x-functions-key");
}
