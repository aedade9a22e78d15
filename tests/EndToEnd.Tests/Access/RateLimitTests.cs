using System.Net;
using System.Net.Http.Headers;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>The embedded host's abuse limits: a token bucket per credential, 429 with Retry-After past it.</summary>
public sealed class RateLimitTests
{
    private LocalHostProcess _host = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["RateLimit__PermitsPerSecond"] = "1",
            ["RateLimit__Burst"] = "2",
        });
        _client = new HttpClient { BaseAddress = _host.BaseAddress };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestHeaders> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        headers(request.Headers);
        return await _client.SendAsync(request);
    }

    [Test]
    public async Task A_credential_over_its_rate_gets_429_with_retry_after_and_another_credential_does_not()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await SendAsync("api/order/ORD9999990", h => h.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostProcess.BobToken));
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Type: response.Content.Headers.ContentType?.MediaType);
        }));
        using var other = await SendAsync("runtime/webhooks/durabletask/instances?top=1", h => h.Add("x-functions-key", LocalHostProcess.OperatorKey));

        var limited = answers.Where(answer => answer.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.That(limited, Is.Not.Empty, "twenty requests at once against a burst of two");
        Assert.That(limited.All(answer => answer.RetryAfter >= TimeSpan.FromSeconds(1) && answer.Type == "application/problem+json"), Is.True);
        Assert.That(answers.Where(answer => answer.StatusCode != HttpStatusCode.TooManyRequests).Select(answer => answer.StatusCode), Is.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
