namespace Portable.EndToEnd.Tests;

[NonParallelizable]
public sealed class ObservationsApiTests
{
    private const string Document = """
        {"data":{"structure":{"dimensions":{"series":[],"observation":[{"id":"TIME_PERIOD","values":[{"id":"2023-Q3"},{"id":"2023-Q4"},{"id":"2024-Q1"}]}]}},
         "dataSets":[{"series":{"0":{"observations":{"0":[99.9],"1":[100.4],"2":[101.8]}}}}]}}
        """;

    private static async Task<(LocalHostProcess Host, FakeUpstream Upstream)> Start(Func<FakeUpstream.Request, Task<FakeUpstream.Response>> data, Dictionary<string, string>? extra = null)
    {
        var upstream = new FakeUpstream(request => request.Path == "/token"
            ? Task.FromResult(new FakeUpstream.Response(200, """{"access_token":"t-1","token_type":"Bearer","expires_in":3600}"""))
            : data(request));
        var settings = new Dictionary<string, string>
        {
            ["Observations__BaseUrl"] = new Uri(upstream.BaseAddress, "data").ToString(),
            ["Observations__TokenUrl"] = new Uri(upstream.BaseAddress, "token").ToString(),
            ["Observations__ClientId"] = "client",
            ["Observations__ClientSecret"] = "secret",
            ["Observations__FirstRetryDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return (await LocalHostProcess.StartAsync(settings), upstream);
    }

    [Test]
    public async Task Periods_come_back_with_their_values_using_a_bearer_token()
    {
        var (host, upstream) = await Start(_ => Task.FromResult(new FakeUpstream.Response(200, Document)));
        await using var hostScope = host;
        await using var upstreamScope = upstream;

        var (status, body, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations?startPeriod=2023-Q3");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body.GetProperty("observations").EnumerateArray().Select(o => o.GetProperty("period").GetString()), Is.EqualTo(new[] { "2023-Q3", "2023-Q4", "2024-Q1" }));
        Assert.That(body.GetProperty("observations")[2].GetProperty("value").GetDouble(), Is.EqualTo(101.8));
        var dataRequest = upstream.Requests.Single(r => r.Path == "/data");
        Assert.That(dataRequest.Headers["Authorization"], Is.EqualTo("Bearer t-1"));
        Assert.That(dataRequest.Query, Does.Contain("startPeriod=2023-Q3"));
    }

    [Test]
    public async Task A_repeated_query_is_served_from_the_cache_and_another_query_is_not()
    {
        var (host, upstream) = await Start(_ => Task.FromResult(new FakeUpstream.Response(200, Document)));
        await using var hostScope = host;
        await using var upstreamScope = upstream;

        await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations?startPeriod=2023-Q3");
        var (_, second, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations?startPeriod=2023-Q3");
        var (_, other, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations?startPeriod=2024-Q1");

        Assert.That(second.GetProperty("fromCache").GetBoolean(), Is.True);
        Assert.That(other.GetProperty("fromCache").GetBoolean(), Is.False);
        Assert.That(other.GetProperty("startPeriod").GetString(), Is.EqualTo("2024-Q1"));
        Assert.That(upstream.CountOf("/data"), Is.EqualTo(2));
    }

    [Test]
    public async Task An_upstream_that_keeps_failing_is_a_502_after_retries()
    {
        var (host, upstream) = await Start(_ => Task.FromResult(new FakeUpstream.Response(500, "{}")));
        await using var hostScope = host;
        await using var upstreamScope = upstream;

        var (status, body, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations");

        Assert.That(status, Is.EqualTo(502));
        Assert.That(body.GetProperty("detail").GetString(), Is.Not.Empty);
        Assert.That(upstream.CountOf("/data"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_malformed_upstream_document_is_a_502_that_says_what_is_wrong()
    {
        var (host, upstream) = await Start(_ => Task.FromResult(new FakeUpstream.Response(200, """{"data":{"dataSets":[]}}""")));
        await using var hostScope = host;
        await using var upstreamScope = upstream;

        var (status, body, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations");

        Assert.That(status, Is.EqualTo(502));
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain("dataSets"));
    }

    [Test]
    public async Task An_upstream_that_does_not_answer_in_time_is_a_504()
    {
        var (host, upstream) = await Start(
            async _ =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                return new FakeUpstream.Response(200, Document);
            },
            new Dictionary<string, string> { ["Observations__RequestTimeout"] = "00:00:00.500", ["Observations__MaxAttempts"] = "1" });
        await using var hostScope = host;
        await using var upstreamScope = upstream;

        var (status, _, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations");

        Assert.That(status, Is.EqualTo(504));
    }

    [Test]
    public async Task A_malformed_start_period_is_400_naming_it()
    {
        var (host, upstream) = await Start(_ => Task.FromResult(new FakeUpstream.Response(200, Document)));
        await using var hostScope = host;
        await using var upstreamScope = upstream;

        var (status, body, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations?startPeriod=" + Uri.EscapeDataString("2020-13-45; DROP"));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("errors").TryGetProperty("startPeriod", out _), Is.True);
        Assert.That(upstream.CountOf("/data"), Is.Zero);
    }
}
