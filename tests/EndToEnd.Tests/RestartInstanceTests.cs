namespace Portable.EndToEnd.Tests;

/// <summary>The management API's restart: an ended instance runs again with its own input, under the same id or a new one.</summary>
public sealed class RestartInstanceTests
{
    private const string Management = "runtime/webhooks/durabletask/instances/";

    private static Action<System.Net.Http.Headers.HttpRequestHeaders> Operator =>
        headers => headers.Add("x-functions-key", LocalHostProcess.OperatorKey);

    [Test]
    public async Task An_ended_instance_restarts_with_its_input_and_a_running_one_is_refused()
    {
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string> { ["Orders__DeliveryDelay"] = "01:00:00" });
        var sampleId = "R" + Guid.NewGuid().ToString("N")[..8];
        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Clean(sampleId));
        var instanceId = "qc-" + sampleId;
        var first = await Ended(host, instanceId);

        var (sameStatus, same, _) = await host.Client.SendJsonAsync(HttpMethod.Post, Management + instanceId + "/restart", headers: Operator);
        var again = await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, Management + instanceId, headers: Operator)).Body,
            status => status.GetProperty("runtimeStatus").GetString() == "Completed" && status.GetProperty("createdTime").GetDateTimeOffset() > first.GetProperty("createdTime").GetDateTimeOffset(),
            what: "the restarted instance to complete again");
        var (newStatus, fresh, _) = await host.Client.SendJsonAsync(HttpMethod.Post, Management + instanceId + "/restart?restartWithNewInstanceId=true", headers: Operator);
        var freshId = fresh.GetProperty("id").GetString()!;
        var other = await Ended(host, freshId);

        var (_, order, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"lamp","Amount":3}""", HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        var (runningStatus, refusal, _) = await host.Client.SendJsonAsync(HttpMethod.Post, Management + order.GetProperty("orderId").GetString() + "/restart", headers: Operator);

        Assert.Multiple(() =>
        {
            Assert.That(sameStatus, Is.EqualTo(202));
            Assert.That(same.GetProperty("id").GetString(), Is.EqualTo(instanceId), "restarted under the same id");
            Assert.That(again.GetProperty("input").ToString(), Is.EqualTo(first.GetProperty("input").ToString()), "with the input it was first given");
            Assert.That(newStatus, Is.EqualTo(202));
            Assert.That(freshId, Is.Not.EqualTo(instanceId));
            Assert.That(other.GetProperty("name").GetString(), Is.EqualTo(first.GetProperty("name").GetString()));
            Assert.That(other.GetProperty("input").ToString(), Is.EqualTo(first.GetProperty("input").ToString()));
            Assert.That(runningStatus, Is.EqualTo(409), refusal.ToString());
        });
    }

    private static async Task<System.Text.Json.JsonElement> Ended(LocalHostProcess host, string instanceId) =>
        await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, Management + instanceId, headers: Operator)).Body,
            status => status.TryGetProperty("runtimeStatus", out var runtime) && runtime.GetString() is "Completed" or "Failed",
            what: $"{instanceId} to end");
}
