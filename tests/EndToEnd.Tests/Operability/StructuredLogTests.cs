using System.Globalization;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// Seed 003's operators could not tell which sample broke the pipeline. Every log line of a unit of work now carries
/// its ids as JSON properties, so "which sample?" is a filter on SampleId, not a guess.
/// </summary>
[NonParallelizable]
public sealed class StructuredLogTests
{
    [Test]
    public async Task The_log_lines_of_a_failing_notification_carry_the_sample_id_and_the_workflow_instance()
    {
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(503)));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__MaxAttempts"] = "2",
            ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
        });

        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-logged"));
        var logs = await Eventually.Get(
            () => Task.FromResult(HostLog.Parse(host.Output)),
            entries => entries.Any(entry => entry.Level == "Error" && entry.Category.EndsWith(".QualityWorkflow", StringComparison.Ordinal)),
            within: TimeSpan.FromSeconds(60),
            what: "the undelivered notification to be logged");

        var attempts = logs.Where(entry => entry.Category.EndsWith(".NotifyLabStaffActivity", StringComparison.Ordinal) && entry.Level == "Warning").ToList();
        var undelivered = logs.Single(entry => entry.Level == "Error" && entry.Category.EndsWith(".QualityWorkflow", StringComparison.Ordinal));
        var activityFailures = logs.Where(entry => entry.Category.EndsWith(".DurableWorker", StringComparison.Ordinal) && entry.Message.Contains("NotifyLabStaff", StringComparison.Ordinal)).ToList();

        Assert.That(attempts, Has.Count.EqualTo(2), "one warning per failed attempt");
        Assert.That(attempts.Select(entry => entry.Property("SampleId")), Is.All.EqualTo("S-logged"));
        Assert.That(attempts.Select(entry => entry.Property("InstanceId")), Is.All.EqualTo("qc-S-logged"), "the activity run's scope");
        Assert.That(attempts.Select(entry => int.Parse(entry.Property("Attempt")!, CultureInfo.InvariantCulture)), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(undelivered.Property("SampleId"), Is.EqualTo("S-logged"));
        Assert.That(undelivered.Property("InstanceId"), Is.EqualTo("qc-S-logged"), "the orchestration step's scope");
        Assert.That(undelivered.Message, Does.Contain("NOT delivered"));
        Assert.That(activityFailures, Is.Not.Empty);
        Assert.That(activityFailures.Select(entry => entry.Property("InstanceId")), Is.All.EqualTo("qc-S-logged"), "the runtime's own lines carry the instance");
    }

    [Test]
    public async Task The_lines_of_an_order_carry_its_order_id_and_workflow_instance()
    {
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string> { ["Orders__Payment__Limit"] = "10" });

        var (_, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"yacht","Amount":5000}""", HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        var orderId = accepted.GetProperty("orderId").GetString()!;
        var logs = await Eventually.Get(
            () => Task.FromResult(HostLog.Parse(host.Output)),
            entries => entries.Any(entry => entry.Category.EndsWith(".OrderWorkflow", StringComparison.Ordinal)),
            what: "the order to end");

        var finished = logs.Single(entry => entry.Category.EndsWith(".OrderWorkflow", StringComparison.Ordinal));

        Assert.That(finished.Message, Does.Contain("ended Failed"));
        Assert.That(finished.Property("OrderId"), Is.EqualTo(orderId));
        Assert.That(finished.Property("InstanceId"), Is.EqualTo(orderId));
        Assert.That(finished.Property("WorkflowName"), Is.EqualTo("OrderLifecycle"));
    }

    [Test]
    public async Task A_request_line_carries_its_route_and_trace_id()
    {
        // A token endpoint that answers no token: the route fails at once with a 502, and says so in a log line.
        await using var upstream = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(200, "{}")));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Observations__BaseUrl"] = new Uri(upstream.BaseAddress, "data").ToString(),
            ["Observations__TokenUrl"] = new Uri(upstream.BaseAddress, "token").ToString(),
        });

        var (status, _, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "api/observations");
        var logs = await Eventually.Get(
            () => Task.FromResult(HostLog.Parse(host.Output)),
            entries => entries.Any(entry => entry.Message.Contains("upstream failure", StringComparison.Ordinal)),
            what: "the upstream failure to be logged");

        var failure = logs.First(entry => entry.Message.Contains("upstream failure", StringComparison.Ordinal));
        Assert.That(status, Is.EqualTo(502));
        Assert.That(failure.Property("Route"), Is.EqualTo("GetObservations"));
        Assert.That(failure.Property("TraceId"), Does.Match("^[0-9a-f]{32}$"));
    }
}
