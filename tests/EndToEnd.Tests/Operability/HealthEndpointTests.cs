using System.Text.Json;

namespace Portable.EndToEnd.Tests.Operability;

[NonParallelizable]
public sealed class HealthEndpointTests
{
    [Test]
    public async Task Liveness_runs_no_check_and_readiness_checks_the_stores_and_the_queues()
    {
        await using var host = await LocalHostProcess.StartAsync();

        var (liveStatus, live, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "health/live");
        var (readyStatus, ready, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "health/ready");

        Assert.That(liveStatus, Is.EqualTo(200));
        Assert.That(live.GetProperty("checks").GetArrayLength(), Is.Zero);
        Assert.That(readyStatus, Is.EqualTo(200), ready.ToString());
        Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(Checks(ready), Is.EquivalentTo(new[] { ("store", "Healthy"), ("queues", "Healthy"), ("durable-store", "Healthy") }));
    }

    [Test]
    public async Task Readiness_is_503_naming_the_check_when_the_queues_cannot_be_reached()
    {
        // Queues on an SQS endpoint where nothing listens: the queue check fails, the rest stay healthy.
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Queues__Provider"] = "Sqs",
            ["Sqs__ServiceUrl"] = "http://127.0.0.1:9",
        });

        var (status, ready, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "health/ready");
        var (liveStatus, _, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "health/live");

        Assert.That(status, Is.EqualTo(503));
        Assert.That(ready.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        Assert.That(Checks(ready), Does.Contain(("queues", "Unhealthy")).And.Contain(("store", "Healthy")));
        Assert.That(liveStatus, Is.EqualTo(200), "a process whose dependencies are down is still alive");
    }

    private static List<(string, string)> Checks(JsonElement report) =>
        [.. report.GetProperty("checks").EnumerateArray().Select(check => (check.GetProperty("name").GetString()!, check.GetProperty("status").GetString()!))];
}
