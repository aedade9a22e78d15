using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// Seed 003's operators could not tell which sample broke the pipeline. Every log line of a unit of work now carries
/// its ids as JSON properties, so "which sample?" is a filter on SampleId, not a guess.
/// </summary>
[NonParallelizable]
public sealed partial class StructuredLogTests
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

    /// <summary>
    /// The README's own filter, <c>jq 'select(.Scopes[]?.SampleId == "...")'</c>, run on the host's JSON lines (its
    /// output is redirected, so it writes JSON): it finds the failed sample's lines, the workflow's error among them, and
    /// no line of another sample. Run with jq itself where it is installed, and always with its exact equivalent.
    /// </summary>
    [Test]
    public async Task The_readmes_log_filter_finds_every_line_of_a_failed_sample_and_only_those()
    {
        var filter = ReadmeFilter().Match(File.ReadAllText(Repository.PathOf("README.md")));
        Assert.That(filter.Success, Is.True, "the README shows its SampleId filter");
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(503)));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__MaxAttempts"] = "2",
            ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
        });

        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", $"[{SampleJson.Saturated("S-filtered")},{SampleJson.Saturated("S-other")}]");
        await Eventually.Get(
            () => Task.FromResult(HostLog.Parse(host.Output)),
            entries => entries.Count(entry => entry.Level == "Error" && entry.Category.EndsWith(".QualityWorkflow", StringComparison.Ordinal)) == 2,
            within: TimeSpan.FromSeconds(60),
            what: "both undelivered notifications to be logged");
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => line.StartsWith('{')).ToList();
        var program = filter.Groups[1].Value.Replace(filter.Groups[2].Value, "S-filtered", StringComparison.Ordinal);

        var selected = lines.Where(line => Selects(line, "S-filtered")).Select(line => HostLog.Parse(line).Single()).ToList();

        Assert.That(selected.Where(entry => entry.Level == "Error" && entry.Category.EndsWith(".QualityWorkflow", StringComparison.Ordinal)).Select(entry => entry.Message),
            Has.One.Contains("Sample S-filtered failed quality control and its notification was NOT delivered"), "the workflow's error line");
        Assert.That(selected.Count(entry => entry.Category.EndsWith(".NotifyLabStaffActivity", StringComparison.Ordinal) && entry.Level == "Warning"), Is.EqualTo(2), "each failed attempt");
        Assert.That(selected.Where(entry => entry.Message.Contains("S-other", StringComparison.Ordinal)), Is.Empty, "no line of the other sample");
        if (await Jq(program, lines) is { } jq)
        {
            Assert.That(jq.Distinct(), Is.EquivalentTo(lines.Where(line => Selects(line, "S-filtered")).Select(Compact)), "jq selects the same lines");
        }
    }

    [Test]
    public async Task A_host_with_the_development_defaults_says_it_runs_in_Development()
    {
        await using var host = await LocalHostProcess.StartAsync();

        var (status, _, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "dev/webhook");
        var logs = await Eventually.Get(
            () => Task.FromResult(HostLog.Parse(host.Output)),
            entries => entries.Any(entry => entry.Message.StartsWith("Hosting environment:", StringComparison.Ordinal)),
            what: "the hosting environment line");

        Assert.That(status, Is.EqualTo(200), "the development stand-ins are in force");
        Assert.That(logs.Single(entry => entry.Message.StartsWith("Hosting environment:", StringComparison.Ordinal)).Message, Is.EqualTo("Hosting environment: Development"));
    }

    [GeneratedRegex("""jq '(select\(\.Scopes\[\]\?\.SampleId == "([^"]+)"\))'""")]
    private static partial Regex ReadmeFilter();

    /// <summary>What <c>select(.Scopes[]?.SampleId == id)</c> keeps: a line with a scope whose SampleId is the id.</summary>
    private static bool Selects(string line, string sampleId)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
            && scopes.EnumerateArray().Any(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("SampleId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == sampleId);
    }

    /// <summary>A line by its time, category and message, which survive jq's reformatting of numbers.</summary>
    private static string Compact(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return $"{root.GetProperty("Timestamp").GetString()}|{root.GetProperty("Category").GetString()}|{root.GetProperty("Message").GetString()}";
    }

    /// <summary>The lines jq prints for <paramref name="program"/> (as <see cref="Compact"/> names them); null where jq is not installed.</summary>
    private static async Task<IReadOnlyList<string>?> Jq(string program, IReadOnlyList<string> lines)
    {
        var start = new ProcessStartInfo("jq", ["-c", program]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(string.Join('\n', lines) + "\n");
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero, await error);
            return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Compact).ToList();
        }
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
