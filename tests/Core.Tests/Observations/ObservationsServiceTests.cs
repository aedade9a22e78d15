using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portable.Core.Observations;
using Portable.Core.Validation;
using Portable.Tests.Support;

namespace Portable.Core.Tests.Observations;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ObservationsServiceTests
{
    private const string BaseUrl = "https://stats.example.test/rest/data/ABS,CPI,1.1.0/1.10001.10.50.Q";

    private readonly FakeTimeProvider _time = new(TestOptions.Start);
    private readonly FakeHttpHandler _auth;
    private readonly FakeHttpHandler _api;

    public ObservationsServiceTests()
    {
        _auth = new FakeHttpHandler(_time);
        _api = new FakeHttpHandler(_time);
    }

    [TearDown]
    public void DisposeHandlers()
    {
        _auth.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task Fetches_the_series_with_a_bearer_token_and_the_SDMX_JSON_media_type()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await Service().GetAsync("2012-Q1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.StartPeriod, Is.EqualTo("2012-Q1"));
            Assert.That(result.Observations.Select(o => o.Value), Is.EqualTo(AbsCpiDocument.Values.Select(v => (double?)v)));
            Assert.That(result.FetchedAt, Is.EqualTo(TestOptions.Start));
            Assert.That(result.FromCache, Is.False);
            var request = _api.Requests.Single();
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(request.Uri, Is.EqualTo(new Uri($"{BaseUrl}?startPeriod=2012-Q1")));
            Assert.That(request.Authorization, Is.EqualTo("Bearer tok"));
            Assert.That(request.Accept, Is.EqualTo("application/vnd.sdmx.data+json"));
        });
    }

    [Test]
    public async Task Without_a_start_period_asks_for_the_configured_URL_unchanged()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await Service().GetAsync(" ", CancellationToken.None);

        Assert.That(result.StartPeriod, Is.Null);
        Assert.That(_api.Requests.Single().Uri, Is.EqualTo(new Uri(BaseUrl)));
    }

    [Test]
    public async Task Appends_the_start_period_to_a_base_URL_that_has_its_own_query()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);
        var options = TestOptions.Create() with { BaseUrl = new Uri($"{BaseUrl}?detail=dataonly") };

        await Service(options).GetAsync("2020", CancellationToken.None);

        Assert.That(_api.Requests.Single().Uri, Is.EqualTo(new Uri($"{BaseUrl}?detail=dataonly&startPeriod=2020")));
    }

    [Test]
    public async Task Reuses_one_token_for_fetches_of_different_start_periods()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json).Respond(HttpStatusCode.OK, AbsCpiDocument.Json);
        var service = Service();

        await service.GetAsync("2020", CancellationToken.None);
        await service.GetAsync("2021", CancellationToken.None);

        Assert.That(_auth.Requests, Has.Count.EqualTo(1));
        Assert.That(_api.Requests.Select(r => r.Authorization), Is.All.EqualTo("Bearer tok"));
    }

    [Test]
    public async Task Retries_transient_failures_with_exponential_backoff_then_returns_the_data()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await DriveAsync(Service().GetAsync("2012-Q1", CancellationToken.None));

        Assert.That(result.Observations, Has.Count.EqualTo(46));
        AssertWaitedAtLeast(_api, 200, 400);
    }

    [Test]
    public async Task Retries_a_request_that_could_not_be_sent()
    {
        _auth.RespondToken("tok");
        _api.Fail(new HttpRequestException("Connection refused")).Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await DriveAsync(Service().GetAsync(null, CancellationToken.None));

        Assert.That(result.Observations, Has.Count.EqualTo(46));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task Retries_statuses_that_may_succeed_next_time(HttpStatusCode status)
    {
        _auth.RespondToken("tok");
        _api.Respond(status).Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        await DriveAsync(Service().GetAsync(null, CancellationToken.None));

        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Waits_as_long_as_a_429_Retry_After_asks()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        await DriveAsync(Service().GetAsync(null, CancellationToken.None), TimeSpan.FromMilliseconds(100));

        AssertWaitedAtLeast(_api, 2000);
    }

    [Test]
    public async Task Honours_a_Retry_After_given_as_a_date()
    {
        _auth.RespondToken("tok");
        _api.Respond(
                HttpStatusCode.TooManyRequests,
                configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TestOptions.Start.AddSeconds(3)))
            .Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        await DriveAsync(Service().GetAsync(null, CancellationToken.None), TimeSpan.FromMilliseconds(100));

        AssertWaitedAtLeast(_api, 3000);
    }

    [Test]
    public void Gives_up_at_once_when_Retry_After_asks_for_longer_than_allowed()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.ServiceUnavailable, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(2)));

        var error = Assert.ThrowsAsync<UpstreamException>(() => Service().GetAsync(null, CancellationToken.None));

        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Message, Does.Contain("retry after 00:02:00"));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Exhausted_retries_are_an_upstream_failure_that_did_not_time_out()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.ServiceUnavailable);

        var error = await DriveToFailureAsync<UpstreamException>(Service().GetAsync("2020", CancellationToken.None));

        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Message, Does.Contain("3 attempt(s)").And.Contain("503"));
        Assert.That(_api.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_API_that_never_answers_is_a_timed_out_upstream_failure_after_every_attempt()
    {
        _auth.RespondToken("tok");
        _api.Hang().Hang().Hang();

        var error = await DriveToFailureAsync<UpstreamException>(Service().GetAsync("2020", CancellationToken.None), TimeSpan.FromMilliseconds(200));

        Assert.That(error.TimedOut, Is.True);
        AssertWaitedAtLeast(_api, 10_200, 10_400);
    }

    [Test]
    public async Task An_attempt_that_times_out_is_retried()
    {
        _auth.RespondToken("tok");
        _api.Hang().Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await DriveAsync(Service().GetAsync("2020", CancellationToken.None), TimeSpan.FromMilliseconds(100));

        Assert.That(result.Observations, Has.Count.EqualTo(46));
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.NotFound)]
    public void A_client_error_is_an_upstream_failure_without_retries(HttpStatusCode status)
    {
        _auth.RespondToken("tok");
        _api.Respond(status);

        var error = Assert.ThrowsAsync<UpstreamException>(() => Service().GetAsync("2020", CancellationToken.None));

        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Message, Does.Contain($"HTTP {(int)status}"));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_malformed_document_is_an_upstream_failure_naming_the_JSON_path_and_is_not_retried()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, """{ "data": { "structure": {} } }""");

        var error = Assert.ThrowsAsync<UpstreamException>(() => Service().GetAsync("2020", CancellationToken.None));

        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Message, Does.Contain("malformed SDMX-JSON").And.Contain("$.data.dataSets: is missing"));
        Assert.That(error.InnerException, Is.TypeOf<SdmxFormatException>());
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_rejected_token_is_renewed_once_and_the_request_repeated()
    {
        _auth.RespondToken("old").RespondToken("new");
        _api.Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await Service().GetAsync("2020", CancellationToken.None);

        Assert.That(result.Observations, Has.Count.EqualTo(46));
        Assert.That(_api.Requests.Select(r => r.Authorization), Is.EqualTo(new[] { "Bearer old", "Bearer new" }));
        Assert.That(_auth.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_token_rejected_again_after_renewal_is_an_upstream_failure()
    {
        _auth.RespondToken("old").RespondToken("new");
        _api.Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.Unauthorized);

        var error = Assert.ThrowsAsync<UpstreamException>(() => Service().GetAsync("2020", CancellationToken.None));

        Assert.That(error.Message, Does.Contain("HTTP 401"));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void Refused_client_credentials_are_an_upstream_failure_before_any_data_request()
    {
        _auth.Respond(HttpStatusCode.BadRequest, """{ "error": "invalid_client" }""");

        var error = Assert.ThrowsAsync<UpstreamException>(() => Service().GetAsync("2020", CancellationToken.None));

        Assert.That(error.TimedOut, Is.False);
        Assert.That(_api.Requests, Is.Empty);
    }

    [Test]
    public async Task A_failing_token_endpoint_is_retried_like_the_API()
    {
        _auth.Respond(HttpStatusCode.ServiceUnavailable).RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await DriveAsync(Service().GetAsync("2020", CancellationToken.None));

        Assert.That(result.Observations, Has.Count.EqualTo(46));
        AssertWaitedAtLeast(_auth, 200);
    }

    [Test]
    public async Task Same_start_period_is_served_from_cache_without_an_upstream_call()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);
        var service = Service();

        var first = await service.GetAsync("2012-Q1", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await service.GetAsync("2012-Q1", CancellationToken.None);

        Assert.That(second.FromCache, Is.True);
        Assert.That(second.Observations, Is.SameAs(first.Observations));
        Assert.That(second.FetchedAt, Is.EqualTo(first.FetchedAt));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Equivalent_spellings_of_a_start_period_share_one_cache_entry()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);
        var service = Service();

        await service.GetAsync("2020-q1", CancellationToken.None);
        var second = await service.GetAsync(" 2020-Q1 ", CancellationToken.None);

        Assert.That(second.StartPeriod, Is.EqualTo("2020-Q1"));
        Assert.That(second.FromCache, Is.True);
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cached_result_is_never_served_for_another_start_period()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, Document("2020-Q1", 1))
            .Respond(HttpStatusCode.OK, Document("2021-Q1", 2))
            .Respond(HttpStatusCode.OK, Document("2019-Q1", 3));
        var service = Service();

        var from2020 = await service.GetAsync("2020-Q1", CancellationToken.None);
        var from2021 = await service.GetAsync("2021-Q1", CancellationToken.None);
        var all = await service.GetAsync(null, CancellationToken.None);
        var from2020Again = await service.GetAsync("2020-Q1", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(from2020.Observations.Single(), Is.EqualTo(new Observation("0", "2020-Q1", 1)));
            Assert.That(from2021.Observations.Single(), Is.EqualTo(new Observation("0", "2021-Q1", 2)));
            Assert.That(all.Observations.Single(), Is.EqualTo(new Observation("0", "2019-Q1", 3)));
            Assert.That(new[] { from2021.FromCache, all.FromCache }, Is.All.False);
            Assert.That(from2020Again.Observations, Is.SameAs(from2020.Observations));
            Assert.That(_api.Requests.Select(r => r.Uri.Query), Is.EqualTo(new[] { "?startPeriod=2020-Q1", "?startPeriod=2021-Q1", string.Empty }));
        });
    }

    [Test]
    public async Task A_cached_result_expires_after_the_cache_duration()
    {
        _auth.RespondToken("tok", expiresInSeconds: 86_400);
        _api.Respond(HttpStatusCode.OK, Document("2020-Q1", 1)).Respond(HttpStatusCode.OK, Document("2020-Q1", 2));
        var service = Service();

        await service.GetAsync("2020", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        var cached = await service.GetAsync("2020", CancellationToken.None);
        _time.Advance(TimeSpan.FromTicks(1));
        var refreshed = await service.GetAsync("2020", CancellationToken.None);

        Assert.That(cached.Observations.Single().Value, Is.EqualTo(1));
        Assert.That(refreshed.Observations.Single().Value, Is.EqualTo(2));
        Assert.That(refreshed.FromCache, Is.False);
        Assert.That(refreshed.FetchedAt, Is.EqualTo(TestOptions.Start.AddMinutes(5)));
    }

    [Test]
    public async Task Failures_are_not_cached()
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.InternalServerError).Respond(HttpStatusCode.OK, AbsCpiDocument.Json);
        var service = Service(TestOptions.Create() with { MaxAttempts = 1 });

        Assert.ThrowsAsync<UpstreamException>(() => service.GetAsync("2020", CancellationToken.None));
        var result = await service.GetAsync("2020", CancellationToken.None);

        Assert.That(result.FromCache, Is.False);
        Assert.That(result.Observations, Has.Count.EqualTo(46));
        Assert.That(_api.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_identical_requests_share_one_upstream_call()
    {
        _auth.RespondToken("tok");
        var release = new TaskCompletionSource<HttpResponseMessage>();
        _api.Respond(_ => release.Task);
        var service = Service();

        var callers = Enumerable.Range(0, 10).Select(_ => service.GetAsync("2020-Q1", CancellationToken.None)).ToArray();
        await _api.WaitForRequestsAsync(1);
        release.SetResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(AbsCpiDocument.Json) });
        var results = await Task.WhenAll(callers);

        Assert.That(_api.Requests, Has.Count.EqualTo(1));
        Assert.That(results.Select(r => r.Observations.Count), Is.All.EqualTo(46));
        Assert.That(results.Count(r => !r.FromCache), Is.EqualTo(1));
    }

    [Test]
    public async Task A_caller_that_gives_up_does_not_cancel_the_call_others_share()
    {
        _auth.RespondToken("tok");
        var release = new TaskCompletionSource<HttpResponseMessage>();
        _api.Respond(_ => release.Task);
        var service = Service();
        using var impatient = new CancellationTokenSource();

        var leaving = service.GetAsync("2020", impatient.Token);
        var staying = service.GetAsync("2020", CancellationToken.None);
        await _api.WaitForRequestsAsync(1);
        await impatient.CancelAsync();
        release.SetResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(AbsCpiDocument.Json) });

        Assert.That(async () => await leaving, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await staying).Observations, Has.Count.EqualTo(46));
        Assert.That(_api.Requests, Has.Count.EqualTo(1));
    }

    [TestCase("2020-Q5")]
    [TestCase("2020-S3")]
    [TestCase("2020-13")]
    [TestCase("2020-00")]
    [TestCase("2021-02-29")]
    [TestCase("2020-W00")]
    [TestCase("2021-W53")]
    [TestCase("0000")]
    [TestCase("20")]
    [TestCase("2020-")]
    [TestCase("2020-1")]
    [TestCase("2020-01-01T00:00:00")]
    [TestCase("2020 -Q1")]
    [TestCase("٢٠٢٠")]
    [TestCase("2020&detail=full")]
    [TestCase("last")]
    public void An_invalid_start_period_is_a_validation_error_naming_the_field(string startPeriod)
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => Service().GetAsync(startPeriod, CancellationToken.None));

        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "startPeriod" }));
        Assert.That(_auth.Requests, Is.Empty);
        Assert.That(_api.Requests, Is.Empty);
    }

    [TestCase("2020", "2020")]
    [TestCase("2020-S2", "2020-S2")]
    [TestCase("2020-q4", "2020-Q4")]
    [TestCase("2020-12", "2020-12")]
    [TestCase("2020-W53", "2020-W53")]
    [TestCase("2024-02-29", "2024-02-29")]
    [TestCase(" 2020-w05 ", "2020-W05")]
    public async Task A_valid_start_period_is_sent_upstream_in_normalized_form(string startPeriod, string sent)
    {
        _auth.RespondToken("tok");
        _api.Respond(HttpStatusCode.OK, AbsCpiDocument.Json);

        var result = await Service().GetAsync(startPeriod, CancellationToken.None);

        Assert.That(result.StartPeriod, Is.EqualTo(sent));
        Assert.That(_api.Requests.Single().Uri.Query, Is.EqualTo($"?startPeriod={sent}"));
    }

    [Test]
    public async Task No_log_line_carries_the_client_secret_or_a_token()
    {
        var tokenLog = new CapturingLogger<ClientCredentialsTokenSource>();
        var serviceLog = new CapturingLogger<ObservationsService>();
        _auth.RespondToken("first-token").RespondToken("second-token");
        _api.Respond(HttpStatusCode.Unauthorized)
            .Respond(HttpStatusCode.ServiceUnavailable)
            .Respond(HttpStatusCode.OK, """{ "data": {} }""");
        var options = TestOptions.Create();
        var tokens = new ClientCredentialsTokenSource(Client(_auth), options, _time, tokenLog);
        var service = new ObservationsService(Client(_api), tokens, options, _time, serviceLog);

        await DriveToFailureAsync<UpstreamException>(service.GetAsync("2020", CancellationToken.None));

        string[] lines = [.. tokenLog.Lines, .. serviceLog.Lines];
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines, Has.None.Contains(options.ClientSecret).And.None.Contains("first-token").And.None.Contains("second-token"));
    }

    private ObservationsService Service(ObservationsOptions? options = null)
    {
        options ??= TestOptions.Create();
        var tokens = new ClientCredentialsTokenSource(Client(_auth), options, _time, NullLogger<ClientCredentialsTokenSource>.Instance);
        return new ObservationsService(Client(_api), tokens, options, _time, NullLogger<ObservationsService>.Instance);
    }

    private static HttpClient Client(FakeHttpHandler handler) => new(handler, disposeHandler: false);

    /// <summary>Moves the fake clock forward in small steps until the task is done, so backoff delays and timeouts elapse.</summary>
    private async Task<T> DriveAsync<T>(Task<T> task, TimeSpan? step = null)
    {
        for (var steps = 0; !task.IsCompleted; steps++)
        {
            if (steps == 10_000)
            {
                Assert.Fail("The task did not finish within 10,000 clock steps.");
            }

            _time.Advance(step ?? TimeSpan.FromMilliseconds(10));

            // Real time, so continuations scheduled on the thread pool get to run between steps.
            await Task.Delay(1);
        }

        return await task;
    }

    private async Task<TException> DriveToFailureAsync<TException>(Task task, TimeSpan? step = null)
        where TException : Exception
    {
        async Task<bool> Observe()
        {
            await task;
            return true;
        }

        try
        {
            await DriveAsync(Observe(), step);
        }
        catch (TException ex)
        {
            return ex;
        }

        Assert.Fail($"Expected {typeof(TException).Name}.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Holds the gaps between consecutive requests (in fake time) to at least the expected waits. The driver advances the
    /// clock in steps while the code runs in real time, so on a busy machine a gap can exceed its wait by a few steps;
    /// a wait cut short (a retry sent early) fails.
    /// </summary>
    private static void AssertWaitedAtLeast(FakeHttpHandler handler, params int[] waits)
    {
        var offsets = handler.Requests.Select(r => (r.At - TestOptions.Start).TotalMilliseconds).ToArray();
        Assert.That(offsets, Has.Length.EqualTo(waits.Length + 1), "requests");
        for (var i = 0; i < waits.Length; i++)
        {
            Assert.That(offsets[i + 1] - offsets[i], Is.GreaterThanOrEqualTo(waits[i]), $"the wait before request {i + 2}");
        }
    }

    private static string Document(string period, double value) => $$"""
        { "data": {
            "dataSets": [ { "series": { "0": { "observations": { "0": [{{value}}] } } } } ],
            "structure": { "dimensions": { "observation": [ { "id": "TIME_PERIOD", "values": [ { "id": "{{period}}" } ] } ] } } } }
        """;
}
