using System.Text.Json;
using Portable.EndToEnd.Tests.Operability;

namespace Portable.EndToEnd.Tests;

[NonParallelizable]
[TestFixture(Backend.Embedded)]
[TestFixture(Backend.MySqlSqs)]
public sealed class QualityPipelineTests(string backend)
{
    private async Task<(LocalHostProcess Host, FakeUpstream Webhook)> Start(Func<FakeUpstream.Request, FakeUpstream.Response> answer, int maxAttempts = 4, string delivery = "Direct")
    {
        var webhook = new FakeUpstream(request => Task.FromResult(answer(request)));
        var host = await Backend.StartHostAsync(backend, new Dictionary<string, string>
        {
            ["Quality__Notifier__Delivery"] = delivery,
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
        });
        return (host, webhook);
    }

    private static Task<JsonElement> Settled(LocalHostProcess host, string sampleId) =>
        Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, $"api/samples/{sampleId}")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() is "NotRequired" or "Delivered" or "Undelivered",
            within: TimeSpan.FromSeconds(60),
            what: $"sample {sampleId} to settle");

    /// <summary>
    /// The host's log lines that contain <paramref name="text"/>, once there is one: the host writes its console log
    /// from a queue, so a line can come a moment after the state it tells of is visible through the API.
    /// </summary>
    private static Task<IReadOnlyList<HostLog>> Logged(LocalHostProcess host, string text) =>
        Eventually.Get<IReadOnlyList<HostLog>>(
            () => Task.FromResult<IReadOnlyList<HostLog>>([.. HostLog.Parse(host.Output).Where(entry => entry.Message.Contains(text, StringComparison.Ordinal))]),
            entries => entries.Count > 0,
            what: $"a log line containing \"{text}\"");

    [Test]
    public async Task A_failed_sample_is_stored_and_lab_staff_are_notified_once_with_its_findings()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(200));
        await using var hostScope = host;
        await using var webhookScope = webhook;

        var (status, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", $"[{SampleJson.Clean("S-ok")},{SampleJson.Saturated("S-bad")}]");
        var clean = await Settled(host, "S-ok");
        var failed = await Settled(host, "S-bad");

        Assert.That(status, Is.EqualTo(202));
        Assert.That(accepted.EnumerateArray().Select(a => a.GetProperty("instanceId").GetString()), Is.EqualTo(new[] { "qc-S-ok", "qc-S-bad" }));
        Assert.That(clean.GetProperty("notificationStatus").GetString(), Is.EqualTo("NotRequired"));
        Assert.That(failed.GetProperty("notificationStatus").GetString(), Is.EqualTo("Delivered"));
        Assert.That(failed.GetProperty("instanceId").GetString(), Is.EqualTo("qc-S-bad"));
        var notification = webhook.Requests.Single();
        Assert.That(notification.Headers["Idempotency-Key"], Is.EqualTo("qc-S-bad:notify"));
        using var body = JsonDocument.Parse(notification.Body);
        Assert.That(body.RootElement.GetProperty("sampleId").GetString(), Is.EqualTo("S-bad"));
        Assert.That(body.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()), Does.Contain("saturation"));

        var (_, failures, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/qc/failures");
        Assert.That(failures.EnumerateArray().Select(f => f.GetProperty("sampleId").GetString()), Is.EqualTo(new[] { "S-bad" }));
    }

    [Test]
    public async Task Failed_samples_are_listed_by_instrument_a_page_at_a_time_and_a_bad_filter_is_400_naming_it()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(200));
        await using var hostScope = host;
        await using var webhookScope = webhook;
        await host.Client.SendJsonAsync(
            HttpMethod.Post, "api/samples", $"[{SampleJson.Saturated("S-a1", "UV 7")},{SampleJson.Saturated("S-b1", "VIS-2")},{SampleJson.Saturated("S-a2", "UV 7")},{SampleJson.Clean("S-a3")}]");
        foreach (var id in new[] { "S-a1", "S-b1", "S-a2", "S-a3" })
        {
            await Settled(host, id);
        }

        var (status, uv7, first) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/qc/failures?instrument=UV%207");
        var (_, vis2, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/qc/failures?instrument=VIS-2");
        var (_, page1, paged) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/qc/failures?instrument=UV%207&limit=1");
        var token = paged.Headers.GetValues("x-ms-continuation-token").Single();
        var (_, page2, last) = await host.Client.SendJsonAsync(
            HttpMethod.Get, "api/qc/failures?instrument=UV%207&limit=1", headers: headers => headers.Add("x-ms-continuation-token", token));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(Ids(uv7), Is.EquivalentTo(new[] { "S-a1", "S-a2" }), "that instrument's failures only");
            Assert.That(uv7.EnumerateArray().Select(sample => sample.GetProperty("instrumentId").GetString()), Is.All.EqualTo("UV 7"));
            Assert.That(first.Headers.Contains("x-ms-continuation-token"), Is.False, "one page holds them all");
            Assert.That(Ids(vis2), Is.EqualTo(new[] { "S-b1" }));
            Assert.That(Ids(page1).Concat(Ids(page2)), Is.EqualTo(Ids(uv7)), "two pages of one, in the list's order");
            Assert.That(last.Headers.Contains("x-ms-continuation-token"), Is.False, "the last page says there is no more");
        });

        foreach (var (query, field) in new[]
        {
            ("instrument=UV%01", "instrument"), ("instrument=" + new string('U', 129), "instrument"), ("instrument=%20%20", "instrument"),
            ("limit=0", "limit"),
        })
        {
            var (refused, problem, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/qc/failures?" + query);
            Assert.That(refused, Is.EqualTo(400), query);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }), query);
        }

        var (badToken, tokenProblem, _) = await host.Client.SendJsonAsync(
            HttpMethod.Get, "api/qc/failures", headers: headers => headers.Add("x-ms-continuation-token", "not-a-token"));
        Assert.That(badToken, Is.EqualTo(400));
        Assert.That(tokenProblem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "continuationToken" }));
    }

    private static IEnumerable<string?> Ids(JsonElement samples) => samples.EnumerateArray().Select(sample => sample.GetProperty("sampleId").GetString()).ToList();

    [Test]
    public async Task A_notification_that_keeps_failing_is_recorded_as_undelivered_and_logged_with_the_sample_id()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(503), maxAttempts: 3);
        await using var hostScope = host;
        await using var webhookScope = webhook;

        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-lost"));
        var sample = await Settled(host, "S-lost");

        Assert.That(sample.GetProperty("notificationStatus").GetString(), Is.EqualTo("Undelivered"));
        Assert.That(sample.GetProperty("notificationError").GetString(), Does.Contain("503"));
        Assert.That(webhook.Requests.Count, Is.EqualTo(3));
        Assert.That(webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct(), Is.EqualTo(new[] { "qc-S-lost:notify" }), "retries keep the key");
        Assert.That(
            await Logged(host, "Sample S-lost failed quality control and its notification was NOT delivered"),
            Has.One.Matches<HostLog>(entry => entry.Level == "Error" && entry.Category.EndsWith(".QualityWorkflow", StringComparison.Ordinal)));
    }

    [Test]
    public async Task With_a_webhook_failing_one_call_in_ten_no_notification_goes_missing()
    {
        var random = new Random(20261125);
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(Next(random) < 0.1 ? 500 : 200), maxAttempts: 5);
        await using var hostScope = host;
        await using var webhookScope = webhook;
        var ids = Enumerable.Range(1, 40).Select(i => $"S-r{i:D2}").ToList();

        var (status, _, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", "[" + string.Join(",", ids.Select(SampleJson.Saturated)) + "]");
        var settled = new List<JsonElement>();
        foreach (var id in ids)
        {
            settled.Add(await Settled(host, id));
        }

        Assert.That(status, Is.EqualTo(202));
        var delivered = settled.Where(s => s.GetProperty("notificationStatus").GetString() == "Delivered").Select(s => s.GetProperty("sampleId").GetString()).ToList();
        var undelivered = settled.Where(s => s.GetProperty("notificationStatus").GetString() == "Undelivered").Select(s => s.GetProperty("sampleId").GetString()).ToList();
        Assert.That(delivered.Count + undelivered.Count, Is.EqualTo(ids.Count), "every failed sample is delivered or recorded undelivered");
        var keys = webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).ToHashSet();
        Assert.That(delivered.Select(id => $"qc-{id}:notify"), Is.SubsetOf(keys));
        Assert.That(webhook.Requests.Count, Is.GreaterThan(ids.Count), "some calls failed and were retried");
    }

    [Test]
    public async Task Through_the_notifications_queue_a_failed_sample_is_delivered_once_with_its_key()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(200), delivery: "Queue");
        await using var hostScope = host;
        await using var webhookScope = webhook;

        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-queued"));
        var sample = await Settled(host, "S-queued");

        Assert.That(sample.GetProperty("notificationStatus").GetString(), Is.EqualTo("Delivered"));
        Assert.That(webhook.Requests.Select(r => r.Headers["Idempotency-Key"]), Is.EqualTo(new[] { "qc-S-queued:notify" }));
        Assert.That(await Logged(host, "its notification is on the notifications queue"), Has.One.Matches<HostLog>(entry => entry.Message.Contains("S-queued", StringComparison.Ordinal)));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Through_the_notifications_queue_a_notification_that_keeps_failing_is_recorded_undelivered_before_the_dead_letter_queue()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(503), delivery: "Queue");
        await using var hostScope = host;
        await using var webhookScope = webhook;

        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-dlq"));
        var sample = await Settled(host, "S-dlq");

        Assert.That(sample.GetProperty("notificationStatus").GetString(), Is.EqualTo("Undelivered"));
        Assert.That(sample.GetProperty("notificationError").GetString(), Does.Contain("503"));
        Assert.That(webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct(), Is.EqualTo(new[] { "qc-S-dlq:notify" }));
        Assert.That(await Logged(host, "Sample S-dlq failed quality control and its notification was NOT delivered"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_sample_sent_twice_is_checked_once()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(200));
        await using var hostScope = host;
        await using var webhookScope = webhook;

        var (_, first, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-twice"));
        var (_, second, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-twice"));
        await Settled(host, "S-twice");

        Assert.That(first.GetProperty("alreadySubmitted").GetBoolean(), Is.False);
        Assert.That(second.GetProperty("alreadySubmitted").GetBoolean(), Is.True);
        Assert.That(webhook.Requests.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_bad_batch_is_400_and_starts_nothing()
    {
        var (host, webhook) = await Start(_ => new FakeUpstream.Response(200));
        await using var hostScope = host;
        await using var webhookScope = webhook;

        var (status, problem, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", $"[{SampleJson.Clean("S-fine")},{{\"sampleId\":\"S-broken\"}}]");
        var (unknown, _, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/samples/S-fine");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.StartsWith("[1]."));
        Assert.That(unknown, Is.EqualTo(404));
    }

    private static double Next(Random random)
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }
}
