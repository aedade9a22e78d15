using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Fakes;
using Portable.Core.ErrorLogs;
using Portable.Core.Messaging;
using Portable.Core.Quality;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The queue handler: records routed by queue name, failures answered in batchItemFailures.</summary>
public sealed class SqsBatchHandlerTests
{
    private FakeWorkflowClient _workflows = null!;
    private TestHost _host = null!;

    [SetUp]
    public void Start()
    {
        _workflows = new FakeWorkflowClient();
        _host = TestHost.Create(services => services.AddSingleton<IWorkflowClient>(_workflows));
    }

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static string[] Failures(JsonElement answer) =>
        answer.GetProperty("batchItemFailures").EnumerateArray().Select(failure => failure.GetProperty("itemIdentifier").GetString()!).ToArray();

    [Test]
    public async Task A_qc_batch_starts_one_workflow_per_sample_and_reports_only_its_bad_messages()
    {
        var (json, ids) = QueueEvents.Sqs(
            "portable-qc-samples",
            QueueEvents.Sample("S-0001"),
            "{not json",
            $"[{QueueEvents.Sample("S-0002")},{QueueEvents.Sample("S-0003")}]",
            """{"sampleId":"S-0004","instrumentId":"UV-1"}""",
            QueueEvents.Sample("S-0001"));

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);

        Assert.Multiple(() =>
        {
            Assert.That(Failures(answer), Is.EqualTo(new[] { ids[1], ids[3] }));
            Assert.That(_workflows.Started.Select(started => started.InstanceId),
                Is.EqualTo(new[] { "S-0001", "S-0002", "S-0003" }.Select(QualityWorkflow.InstanceIdFor)), "the redelivered S-0001 starts nothing twice");
            Assert.That(_host.LogLines.Where(line => line.GetProperty("level").GetString() == "WARN").Select(line => line.GetProperty("MessageId").GetString()),
                Is.EqualTo(new[] { ids[1], ids[3] }), "each malformed message is logged with its id");
            Assert.That(_host.LogLines.Where(line => line.GetProperty("level").GetString() == "WARN").Select(line => line.GetProperty("eventName").GetString()),
                Is.All.EqualTo("LogMalformed"), "lines name their event, which the template's metric filters count");
            Assert.That(_host.LogLines.Any(line => line.TryGetProperty("SampleId", out var sample) && sample.GetString() == "S-0002"), Is.True);
        });
    }

    [TestCase(true, TestName = "A record's traceparent attribute makes its processing span a child of the sender's span")]
    [TestCase(false, TestName = "Without a traceparent attribute, the record's X-Ray trace header is its parent")]
    public async Task A_records_processing_continues_the_senders_trace(bool w3c)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var parentId = ActivitySpanId.CreateRandom();
        var hex = traceId.ToHexString();
        var json = QueueEvents.SqsTraced(
            "portable-qc-samples",
            QueueEvents.Sample("S-traced-" + (w3c ? "w3c" : "xray")),
            w3c ? $"00-{hex}-{parentId}-01" : null,
            $"Root=1-{hex[..8]}-{hex[8..]};Parent={(w3c ? ActivitySpanId.CreateRandom() : parentId)};Sampled=1");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PortableTelemetry.Name,
            Sample = (ref ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                lock (spans)
                {
                    spans.Add(span);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);

        Assert.That(Failures(answer), Is.Empty);
        List<Activity> seen;
        lock (spans)
        {
            seen = [.. spans];
        }

        var process = seen.Single(span => span.DisplayName == "process qc-samples" && span.TraceId == traceId);
        Assert.That(process.ParentSpanId, Is.EqualTo(parentId));
        Assert.That(process.Kind, Is.EqualTo(ActivityKind.Consumer));
    }

    [Test]
    public async Task Buffered_error_logs_are_stored_and_a_bad_batch_is_refused_whole()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var (json, ids) = QueueEvents.Sqs(
            "portable-error-logs",
            $$"""[{"device_id":"{{device}}","error_number":1,"time_stamp":10},{"device_id":"{{device}}","error_number":2,"time_stamp":20}]""",
            $$"""[{"device_id":"{{device}}","error_number":3,"time_stamp":30},{"device_id":"{{device}}","error_number":4}]""");

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);
        var stored = await _host.Services.GetRequiredService<IErrorLogStore>().RecentAsync(device, 10, CancellationToken.None);

        Assert.That(Failures(answer), Is.EqualTo(new[] { ids[1] }));
        Assert.That(stored.Select(log => log.ErrorNumber), Is.EqualTo(new[] { 2, 1 }));
    }

    [Test]
    public async Task Dispatch_messages_reach_their_order_workflows()
    {
        _workflows.AddRunning("ORD0000007");
        var (json, ids) = QueueEvents.SqsGrouped(
            "portable-order-dispatch.fifo",
            ("""{"OrderId":"ORD0000007","At":"2026-11-24T14:05:12+00:00"}""", "ORD0000007"),
            ("""{"OrderId":"ORD0000404","At":"2026-11-24T14:05:12+00:00"}""", "ORD0000404"));

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);

        Assert.That(Failures(answer), Is.Empty, "a dispatch for an order without a workflow is skipped, not retried");
        Assert.That(_workflows.Raised.Single().InstanceId, Is.EqualTo("ORD0000007"));
    }

    [Test]
    public async Task On_a_fifo_queue_a_failed_message_holds_back_the_rest_of_its_group()
    {
        _workflows.AddRunning("ORD0000001");
        _workflows.AddRunning("ORD0000002");
        _workflows.FailingInstances["ORD0000001"] = true;
        var (json, ids) = QueueEvents.SqsGrouped(
            "portable-order-dispatch.fifo",
            ("""{"OrderId":"ORD0000001","At":"2026-11-24T14:05:12+00:00"}""", "g1"),
            ("""{"OrderId":"ORD0000002","At":"2026-11-24T14:05:12+00:00"}""", "g1"),
            ("""{"OrderId":"ORD0000002","At":"2026-11-24T14:05:13+00:00"}""", "g2"));

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);

        Assert.That(Failures(answer), Is.EqualTo(new[] { ids[0], ids[1] }));
        Assert.That(_workflows.Raised, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Records_of_a_queue_without_a_consumer_fail_and_say_so()
    {
        var (json, ids) = QueueEvents.Sqs("portable-audit-trail", """{"sampleId":"x"}""");

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);

        Assert.That(Failures(answer), Is.EqualTo(ids));
        Assert.That(_host.LogText, Does.Contain("no consumer for queue audit-trail"));
    }

    [Test]
    public async Task A_notification_that_is_not_one_fails_alone_and_is_logged_with_its_message_id()
    {
        var (json, ids) = QueueEvents.Sqs("portable-qc-notifications", "not json");

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json);

        Assert.That(Failures(answer), Is.EqualTo(ids));
        Assert.That(_host.LogText, Does.Contain(ids[0]));
    }

    [Test]
    public async Task Records_not_started_before_the_deadline_are_given_back()
    {
        var (json, ids) = QueueEvents.Sqs("portable-error-logs", """{"device_id":"d","error_number":1,"time_stamp":1}""");

        var answer = await _host.InvokeAsync(HandlerNames.Queue, json, timeout: TimeSpan.FromMilliseconds(100));

        Assert.That(Failures(answer), Is.EqualTo(ids));
        Assert.That(_host.LogText, Does.Contain("not started before the deadline"));
    }

    [TestCase("arn:aws:sqs:us-east-2:1:portable-qc-samples", "qc-samples")]
    [TestCase("arn:aws:sqs:us-east-2:1:portable-order-dispatch.fifo", "order-dispatch")]
    [TestCase("arn:aws:sqs:us-east-2:1:other-stack-error-logs", "error-logs")]
    [TestCase("arn:aws:sqs:us-east-2:1:qc-samples", "qc-samples")]
    [TestCase("arn:aws:sqs:us-east-2:1:portable-qc-samples-dlq", "qc-samples-dlq")]
    public void Queue_names_come_from_the_arn_less_prefix_and_fifo_suffix(string arn, string expected)
    {
        var routing = _host.Services.GetRequiredService<QueueRouting>();

        Assert.That(routing.LogicalName(arn), Is.EqualTo(expected));
    }

    [Test]
    public void The_consumed_queues_are_samples_dispatch_error_logs_notifications_and_durable_wakeups() =>
        Assert.That(_host.Services.GetRequiredService<QueueRouting>().QueueNames,
            Is.EquivalentTo(new[] { QueueNames.QualitySamples, QueueNames.OrderDispatch, QueueNames.ErrorLogs, QueueNames.QualityNotifications, QueueNames.DurableWakeups }));
}
