using System.Text.Json;
using static Portable.EndToEnd.Tests.HttpTestExtensions;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// The host process dies mid-workflow and starts again on the same files: every order and sample
/// completes, and every effect (a capture, a notification) happens once, as its idempotency key tells.
/// </summary>
[NonParallelizable]
public sealed class CrashRecoveryTests
{
    private FakeUpstream _webhook = null!;
    private string _directory = null!;

    [SetUp]
    public void Prepare()
    {
        _webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(200)));
        _directory = Directory.CreateTempSubdirectory("portable-crash-").FullName;
    }

    [TearDown]
    public async Task Clean() => await _webhook.DisposeAsync();

    private Task<LocalHostProcess> Start(string? crashAfterActivity = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Orders__DeliveryDelay"] = "00:00:01",
            ["Orders__DispatchInterval"] = "00:00:02",
            ["Quality__Notifier__WebhookUrl"] = new Uri(_webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
            ["Durable__ActivityLeaseDuration"] = "00:00:03",
            ["Durable__OrchestrationLeaseDuration"] = "00:00:03",
        };
        if (crashAfterActivity is not null)
        {
            settings["Durable__Faults__CrashAfterActivity"] = crashAfterActivity;
        }

        return LocalHostProcess.StartAsync(settings, _directory);
    }

    private string Database => Path.Combine(_directory, "app.db");

    private static async Task<string> PlaceOrder(LocalHostProcess host, int amount)
    {
        var (status, body, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", $$"""{"Item":"crash","Amount":{{amount}}}""", Bearer(LocalHostProcess.AliceToken));
        Assert.That(status, Is.EqualTo(202));
        return body.GetProperty("orderId").GetString()!;
    }

    private static Task<JsonElement> Completed(LocalHostProcess host, string orderId) =>
        Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{orderId}", headers: Bearer(LocalHostProcess.AliceToken))).Body,
            order => order.GetProperty("status").GetString() == "COMPLETED",
            within: TimeSpan.FromSeconds(60),
            what: $"{orderId} to complete");

    private static Task<JsonElement> Notified(LocalHostProcess host, string sampleId) =>
        Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, $"api/samples/{sampleId}")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() == "Delivered",
            within: TimeSpan.FromSeconds(60),
            what: $"{sampleId} to be notified");

    [Test]
    [CancelAfter(120_000)]
    public async Task A_crash_between_capturing_a_payment_and_checkpointing_it_charges_once()
    {
        string orderId;
        await using (var doomed = await Start(crashAfterActivity: "ChargePayment"))
        {
            orderId = await PlaceOrder(doomed, 25);
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.That(await AppDatabase.ScalarAsync(Database, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", orderId)), Is.EqualTo(1), "the capture happened before the crash");
        Assert.That(await AppDatabase.ScalarAsync(Database, "SELECT COUNT(*) FROM orders WHERE order_id = @id AND status = 'Processing'", ("@id", orderId)), Is.EqualTo(1), "the crash came before the workflow knew of the capture");

        await using var survivor = await Start();
        await Completed(survivor, orderId);

        Assert.That(await AppDatabase.ScalarAsync(Database, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", orderId)), Is.EqualTo(1), "the repeated charge found the first capture");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_crash_between_notifying_and_checkpointing_repeats_the_call_with_the_same_key()
    {
        await using (var doomed = await Start(crashAfterActivity: "NotifyLabStaff"))
        {
            await doomed.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-crash"));
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.That(_webhook.Requests.Count, Is.EqualTo(1), "the notification went out before the crash");

        await using var survivor = await Start();
        await Eventually.Get(
            () => survivor.Client.SendJsonAsync(HttpMethod.Get, "runtime/webhooks/durabletask/instances/qc-S-crash"),
            result => result.Status == 200,
            within: TimeSpan.FromSeconds(60),
            what: "the quality workflow to end");

        Assert.That(_webhook.Requests.Select(r => r.Headers["Idempotency-Key"]), Is.EqualTo(new[] { "qc-S-crash:notify", "qc-S-crash:notify" }), "the repeat carries the same key, so the receiver can drop it");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Repeated_kills_mid_flight_lose_no_order_or_sample_and_double_no_effect()
    {
        var orders = new List<string>();
        var samples = Enumerable.Range(1, 10).Select(i => $"S-k{i:D2}").ToList();
        var random = new Random(7);
        await using (var first = await Start())
        {
            for (var i = 0; i < 10; i++)
            {
                orders.Add(await PlaceOrder(first, 10 + i));
            }

            await first.Client.SendJsonAsync(HttpMethod.Post, "api/samples", "[" + string.Join(",", samples.Select(SampleJson.Saturated)) + "]");
            await Task.Delay(random.Next(50, 400));
        }

        for (var kill = 0; kill < 3; kill++)
        {
            await using var next = await Start();
            await Task.Delay(random.Next(100, 600));
        }

        await using var survivor = await Start();
        foreach (var id in orders)
        {
            await Completed(survivor, id);
        }

        foreach (var id in samples)
        {
            await Notified(survivor, id);
        }

        foreach (var id in orders)
        {
            Assert.That(await AppDatabase.ScalarAsync(Database, "SELECT COUNT(*) FROM payments WHERE order_id = @id", ("@id", id)), Is.EqualTo(1), $"{id} captured once");
        }

        var keys = _webhook.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.That(keys.Distinct(), Is.EquivalentTo(samples.Select(id => $"qc-{id}:notify")), "one notification per sample, by key");
    }
}
