using System.Net;
using System.Text;

namespace Portable.Core.Tests.Observations;

/// <summary>
/// Answers requests from a queue of canned responders and records every request with the time on
/// <paramref name="clock"/>. A request arriving with an empty queue fails the test.
/// </summary>
internal sealed class FakeHttpHandler(TimeProvider? clock = null) : HttpMessageHandler
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _responders = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public FakeHttpHandler Respond(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null) =>
        Respond(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public FakeHttpHandler Respond(Func<CancellationToken, Task<HttpResponseMessage>> responder)
    {
        lock (_gate)
        {
            _responders.Enqueue(responder);
        }

        return this;
    }

    public FakeHttpHandler Fail(Exception exception) => Respond(_ => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers; only the request's cancellation ends it, as with a server that hangs.</summary>
    public FakeHttpHandler Hang() => Respond(async cancellationToken =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    public FakeHttpHandler RespondToken(string accessToken, int expiresInSeconds = 3600) =>
        Respond(HttpStatusCode.OK, $$"""{ "access_token": "{{accessToken}}", "token_type": "Bearer", "expires_in": {{expiresInSeconds}} }""");

    /// <summary>Waits in real time until <paramref name="count"/> requests have arrived (a minute at most, so a bug fails the test instead of hanging the run).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (Requests.Count < count)
        {
            if (giveUp.IsCancellationRequested)
            {
                Assert.Fail($"Expected {count} request(s) but saw {Requests.Count}.");
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<CancellationToken, Task<HttpResponseMessage>> responder;
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                _clock.GetUtcNow(),
                request.Method,
                request.RequestUri!,
                request.Headers.Authorization?.ToString(),
                request.Headers.Accept.ToString(),
                body));
            if (!_responders.TryDequeue(out responder!))
            {
                throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri}.");
            }
        }

        return await responder(cancellationToken);
    }
}
