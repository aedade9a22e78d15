using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// One trace from the HTTP request that submits a sample, through the workflow's steps, to its activities and store
/// calls: the host runs in this process (the in-memory exporter collects its spans), with its real composition.
/// </summary>
[NonParallelizable]
public sealed class TraceTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Telemetry__Enabled"] = "true",
        ["Quality__Notifier__WebhookUrl"] = "http://127.0.0.1:9/unused",
        ["Quality__Notifier__MaxAttempts"] = "2",
        ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
        ["ErrorLogs__WriteKey"] = LocalHostProcess.WriteKey,
        ["ErrorLogs__ReadKey"] = LocalHostProcess.ReadKey,
        ["Orders__Tokens"] = $"{LocalHostProcess.AliceToken}=alice@example.com",
        ["Development__Upstreams"] = "false",
        ["Quality__LabKey"] = LocalHostProcess.LabKey,
    };

    [Test]
    public async Task A_trace_spans_the_request_the_orchestration_steps_and_the_activities()
    {
        var spans = new List<Activity>();
        var directory = Directory.CreateTempSubdirectory("portable-trace-").FullName;
        await using var factory = Start(directory, spans);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostProcess.LabKey);

        using var response = await client.PostAsync(new Uri("api/samples", UriKind.Relative), new StringContent(SampleJson.Clean("S-traced"), System.Text.Encoding.UTF8, "application/json"));
        await Eventually.Get(
            async () => (await client.SendJsonAsync(HttpMethod.Get, "api/samples/S-traced")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() == "NotRequired",
            what: "the sample to be checked");
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var collected = Snapshot(spans);

        var request = collected.Single(span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == "/api/samples");
        var trace = collected.Where(span => span.TraceId == request.TraceId).ToList();
        var steps = trace.Where(span => span.DisplayName == "orchestration QualityControl").ToList();
        var activities = trace.Where(span => span.DisplayName.StartsWith("activity ", StringComparison.Ordinal)).Select(span => span.DisplayName).ToList();

        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(trace.Select(span => span.DisplayName), Does.Contain("SubmitSamples"), "the route's span");
        Assert.That(steps, Has.Count.GreaterThanOrEqualTo(2), "the workflow's steps are in the request's trace");
        Assert.That(steps.Select(step => step.GetTagItem("portable.instance_id")), Is.All.EqualTo("qc-S-traced"));
        Assert.That(activities, Is.SupersetOf(new[] { "activity CheckSample", "activity StoreVerdict" }));
        Assert.That(trace.Select(span => span.DisplayName), Does.Contain("QualityStore SaveVerdict"), "store calls are spans too");
        foreach (var span in trace.Where(span => span != request))
        {
            Assert.That(Ancestors(span, trace), Does.Contain(request), $"{span.DisplayName} descends from the request");
        }
    }

    /// <summary>
    /// The caller's trace id, from the <c>traceparent</c> it sends with <c>POST /api/samples</c>, through the workflow, the
    /// <c>qc-notifications</c> queue (the embedded SQLite queue, or SQS) and its consumer, to the webhook's request.
    /// </summary>
    [TestCase("InProcess")]
    [TestCase("Sqs")]
    public async Task One_trace_id_goes_from_the_sample_request_through_the_queue_and_the_workflow_to_the_webhook(string queues)
    {
        var spans = new List<Activity>();
        var directory = Directory.CreateTempSubdirectory("portable-queue-trace-").FullName;
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(200)));
        var settings = new Dictionary<string, string>
        {
            ["Quality__Notifier__Delivery"] = "Queue",
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
        };
        if (queues == "Sqs")
        {
            settings["Queues__Provider"] = "Sqs";
            settings["Sqs__ServiceUrl"] = TestServers.SqsServiceUrl;
            settings["Sqs__QueuePrefix"] = $"trace{Guid.NewGuid():N}"[..16] + "-";
        }

        await using var factory = Start(directory, spans, settings);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostProcess.LabKey);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/samples", UriKind.Relative))
        {
            Content = new StringContent(SampleJson.Saturated("S-queue-traced"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request);
        await Eventually.Get(
            async () => (await client.SendJsonAsync(HttpMethod.Get, "api/samples/S-queue-traced")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() == "Delivered",
            within: TimeSpan.FromMinutes(3),
            what: "the notification to be delivered through the queue");

        // The consumer's span ends just after it records the delivery that the API shows.
        var trace = await Eventually.Get(
            () =>
            {
                factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
                return Task.FromResult(Snapshot(spans).Where(span => span.TraceId == traceId).ToList());
            },
            collected => collected.Any(span => span.DisplayName == "process qc-notifications"),
            what: "the message's processing span to end");
        var hook = webhook.Requests.Single();

        Assert.That((int)response.StatusCode, Is.EqualTo(202));
        Assert.That(hook.Headers.TryGetValue("traceparent", out var sent), Is.True, "the webhook call carries a traceparent");
        Assert.That(ActivityContext.TryParse(sent, null, out var hookContext), Is.True, sent);
        Assert.That(hookContext.TraceId, Is.EqualTo(traceId), "the webhook sees the caller's trace id");
        var names = trace.Select(span => span.DisplayName).ToList();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "SubmitSamples", "orchestration QualityControl", "activity NotifyLabStaff", "send qc-notifications", "process qc-notifications",
        }));
        var process = trace.Single(span => span.DisplayName == "process qc-notifications");
        var send = trace.Single(span => span.DisplayName == "send qc-notifications");
        var server = trace.Single(span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == "/api/samples");
        Assert.That(Ancestors(process, trace), Does.Contain(send), "the consumer's span is a child of the send");
        Assert.That(Ancestors(send, trace), Does.Contain(server), "the send descends from the request");
        Assert.That(trace.Single(span => span.SpanId == hookContext.SpanId).Kind, Is.EqualTo(ActivityKind.Client), "the webhook's parent is the outgoing call's span");
        Assert.That(Ancestors(trace.Single(span => span.SpanId == hookContext.SpanId), trace), Does.Contain(process), "the webhook call is made while processing the message");
    }

    [Test]
    public async Task Outcomes_are_counted_on_the_portable_meter()
    {
        var directory = Directory.CreateTempSubdirectory("portable-metrics-").FullName;
        var measurements = new List<(string Instrument, long Value, string? Outcome)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == "Portable")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                outcome = tag.Key == "portable.outcome" ? tag.Value as string : outcome;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, outcome));
            }
        });
        listener.Start();
        await using var factory = Start(directory, []);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", LocalHostProcess.LabKey);

        await client.PostAsync(new Uri("api/samples", UriKind.Relative), new StringContent($"[{SampleJson.Saturated("S-counted")},{SampleJson.Clean("S-clean")}]", System.Text.Encoding.UTF8, "application/json"));
        await Eventually.Get(
            async () => (await client.SendJsonAsync(HttpMethod.Get, "api/samples/S-counted")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() == "Undelivered",
            within: TimeSpan.FromSeconds(60),
            what: "the notification to a closed port to be given up");

        List<(string Instrument, long Value, string? Outcome)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        Assert.That(seen.Where(m => m.Instrument == "portable.qc.failures").Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(seen.Where(m => m.Instrument == "portable.qc.notifications.undelivered").Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(seen.Where(m => m.Instrument == "portable.orchestrations.ended" && m.Outcome == "Completed").Sum(m => m.Value), Is.GreaterThanOrEqualTo(1));
    }

    /// <summary>The host in this process, configured through its environment (as the process tests configure it), with an in-memory span exporter.</summary>
    private static WebApplicationFactory<Program> Start(string directory, List<Activity> spans, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>(Settings) { ["Storage__Sqlite__Path"] = Path.Combine(directory, "app.db") };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var previous = settings.Keys.ToDictionary(key => key, Environment.GetEnvironmentVariable);
        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        try
        {
            var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.ConfigureServices(services =>
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
            _ = factory.Server;
            return factory;
        }
        finally
        {
            // The host has read its configuration; the host processes other tests start must not inherit it.
            foreach (var (key, value) in previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        var byId = trace.ToDictionary(candidate => candidate.SpanId);
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var ancestor); parent = ancestor.ParentSpanId)
        {
            yield return ancestor;
        }
    }
}
