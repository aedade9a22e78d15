using System.Text.Json;

namespace Portable.EndToEnd.Tests;

/// <summary>A notification that every attempt failed to deliver is not lost: an operator sends it again once the channel is back.</summary>
[NonParallelizable]
public sealed class NotificationRetryTests
{
    [Test]
    public async Task An_undelivered_notification_is_sent_again_with_the_same_idempotency_key_and_recorded_delivered()
    {
        var channelUp = false;
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(Volatile.Read(ref channelUp) ? 200 : 503)));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__MaxAttempts"] = "2",
            ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
        });
        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-again"));
        await Settled(host, "S-again", "Undelivered");

        var (early, conflict, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples/S-unknown/notify");
        Volatile.Write(ref channelUp, true);
        var (status, accepted, response) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples/S-again/notify");
        var delivered = await Settled(host, "S-again", "Delivered");
        var (again, problem, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples/S-again/notify");

        Assert.That(early, Is.EqualTo(404), conflict.ToString());
        Assert.That(status, Is.EqualTo(202), accepted.ToString());
        Assert.That(accepted.GetProperty("instanceId").GetString(), Is.EqualTo("qc-S-again-notify"));
        Assert.That(response.Headers.Location!.AbsolutePath, Is.EqualTo("/runtime/webhooks/durabletask/instances/qc-S-again-notify"));
        Assert.That(delivered.GetProperty("notificationAttempts").GetInt32(), Is.InRange(1, 2), "the retry's own attempts");
        Assert.That(webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct(), Is.EqualTo(new[] { "qc-S-again:notify" }), "the retry is the same notification");
        Assert.That(webhook.Requests, Has.Count.GreaterThanOrEqualTo(3), "two failed attempts, then the retry's");
        using var body = JsonDocument.Parse(webhook.Requests.Last().Body);
        Assert.That(body.RootElement.GetProperty("sampleId").GetString(), Is.EqualTo("S-again"));
        Assert.That(body.RootElement.GetProperty("acquiredAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(again, Is.EqualTo(409), "a delivered notification is not sent again");
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Delivered"));
    }

    private static Task<JsonElement> Settled(LocalHostProcess host, string sampleId, string status) =>
        Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, $"api/samples/{sampleId}")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var current) && current.GetString() == status,
            within: TimeSpan.FromSeconds(60),
            what: $"sample {sampleId} to be {status}");
}
