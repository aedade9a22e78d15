using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portable.Core.Observations;
using Portable.Core.Validation;

namespace Portable.Core.Tests.Observations;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ClientCredentialsTokenSourceTests
{
    private readonly FakeTimeProvider _time = new(TestOptions.Start);
    private readonly FakeHttpHandler _handler = new();

    [TearDown]
    public void DisposeHandler() => _handler.Dispose();

    [Test]
    public async Task Requests_a_client_credentials_grant_with_form_encoded_id_and_secret_in_basic_auth()
    {
        _handler.RespondToken("abc");

        var token = await Source().GetTokenAsync(CancellationToken.None);

        Assert.That(token, Is.EqualTo("abc"));
        var request = _handler.Requests.Single();
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("portal+client:s3%3Acr%26t"));
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.Uri, Is.EqualTo(TestOptions.Create().TokenUrl));
            Assert.That(request.Authorization, Is.EqualTo($"Basic {expected}"));
            Assert.That(request.Body, Is.EqualTo("grant_type=client_credentials"));
        });
    }

    [Test]
    public async Task Requests_the_configured_scope()
    {
        _handler.RespondToken("abc");

        await Source(TestOptions.Create() with { Scope = "stats.read" }).GetTokenAsync(CancellationToken.None);

        Assert.That(_handler.Requests.Single().Body, Is.EqualTo("grant_type=client_credentials&scope=stats.read"));
    }

    [Test]
    public async Task Reuses_the_token_until_a_minute_before_it_expires()
    {
        _handler.RespondToken("first", expiresInSeconds: 3600).RespondToken("second");
        var source = Source();

        var first = await source.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3539));
        var stillFirst = await source.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await source.GetTokenAsync(CancellationToken.None);

        Assert.That(new[] { first, stillFirst, second }, Is.EqualTo(new[] { "first", "first", "second" }));
        Assert.That(_handler.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Accepts_expires_in_sent_as_a_string()
    {
        _handler.Respond(HttpStatusCode.OK, """{ "access_token": "abc", "token_type": "bearer", "expires_in": "600" }""");
        var source = Source();

        await source.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(539));

        Assert.That(await source.GetTokenAsync(CancellationToken.None), Is.EqualTo("abc"));
        Assert.That(_handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_callers_share_a_single_token_request()
    {
        var release = new TaskCompletionSource<HttpResponseMessage>();
        _handler.Respond(_ => release.Task);
        var source = Source();

        var callers = Enumerable.Range(0, 8).Select(_ => source.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        await _handler.WaitForRequestsAsync(1);
        release.SetResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{ "access_token": "shared", "expires_in": 3600 }"""),
        });

        Assert.That(await Task.WhenAll(callers), Is.All.EqualTo("shared"));
        Assert.That(_handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Invalidating_the_rejected_token_makes_the_next_caller_request_a_new_one()
    {
        _handler.RespondToken("first").RespondToken("second");
        var source = Source();
        var first = await source.GetTokenAsync(CancellationToken.None);

        source.Invalidate(first);

        Assert.That(await source.GetTokenAsync(CancellationToken.None), Is.EqualTo("second"));
    }

    [Test]
    public async Task Invalidating_an_older_token_keeps_the_newer_one()
    {
        _handler.RespondToken("current");
        var source = Source();
        await source.GetTokenAsync(CancellationToken.None);

        source.Invalidate("older");

        Assert.That(await source.GetTokenAsync(CancellationToken.None), Is.EqualTo("current"));
        Assert.That(_handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Refused_credentials_are_an_upstream_failure_that_does_not_reveal_the_secret()
    {
        _handler.Respond(HttpStatusCode.Unauthorized, """{ "error": "invalid_client" }""");

        var error = Assert.ThrowsAsync<UpstreamException>(() => Source().GetTokenAsync(CancellationToken.None).AsTask());

        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Message, Does.Contain("401").And.Not.Contain(TestOptions.Create().ClientSecret));
    }

    [Test]
    public void A_failing_token_endpoint_is_reported_as_a_transient_HTTP_failure()
    {
        _handler.Respond(HttpStatusCode.ServiceUnavailable);

        var error = Assert.ThrowsAsync<HttpRequestException>(() => Source().GetTokenAsync(CancellationToken.None).AsTask());

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [TestCase("not json", "not a valid JSON token response", TestName = "A token answer that is not JSON is an upstream failure")]
    [TestCase("""{ "token_type": "Bearer" }""", "no access_token", TestName = "A token answer without access_token is an upstream failure")]
    [TestCase("""{ "access_token": "abc", "token_type": "mac" }""", "only bearer tokens", TestName = "A non-bearer token is an upstream failure")]
    public void Unusable_token_answers_are_upstream_failures(string body, string problem)
    {
        _handler.Respond(HttpStatusCode.OK, body);

        var error = Assert.ThrowsAsync<UpstreamException>(() => Source().GetTokenAsync(CancellationToken.None).AsTask());

        Assert.That(error.Message, Does.Contain(problem));
    }

    private ClientCredentialsTokenSource Source(ObservationsOptions? options = null) =>
        new(new HttpClient(_handler, disposeHandler: false), options ?? TestOptions.Create(), _time, NullLogger<ClientCredentialsTokenSource>.Instance);
}
