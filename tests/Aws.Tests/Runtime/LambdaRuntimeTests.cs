using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Portable.Adapters.Aws.Hosting;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Telemetry;
using Portable.Aws.Tests.Emulator;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Handlers;

namespace Portable.Aws.Tests.Runtime;

/// <summary>The runtime loop and client in-process against the emulated Runtime API.</summary>
public sealed class LambdaRuntimeTests
{
    [Test]
    public async Task Responses_and_errors_are_posted_per_invocation_and_the_loop_goes_on()
    {
        await using var emulator = RuntimeApiEmulator.Start();
        await using var host = TestHost.Create();
        using var client = new RuntimeApiClient(emulator.Endpoint);
        using var stop = new CancellationTokenSource();
        var runtime = new LambdaRuntime(client, LambdaHost.CreateRunner(host.Services, HandlerNames.Api), host.Services.GetRequiredService<ILogger<LambdaRuntime>>());
        var loop = Task.Run(() => runtime.Run(stop.Token));

        var broken = await emulator.InvokeAsync("""{"version":"2.0","rawPath":"/api/logs"}""");
        var fine = await emulator.InvokeAsync(ApiEvents.V2("GET", "/api/metadata/cloud/provider"), traceId: "Root=1-00000000-000000000000000000000001");
        await stop.CancelAsync();
        await loop;

        Assert.Multiple(() =>
        {
            Assert.That(broken.Succeeded, Is.False);
            Assert.That(broken.ErrorType, Is.EqualTo("Function.FormatException"));
            var error = JsonDocument.Parse(broken.Body).RootElement;
            Assert.That(error.GetProperty("errorType").GetString(), Is.EqualTo("System.FormatException"));
            Assert.That(error.GetProperty("errorMessage").GetString(), Does.Contain("method"));
            Assert.That(error.GetProperty("stackTrace").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(fine.Succeeded, Is.True);
            Assert.That(JsonDocument.Parse(fine.Body).RootElement.GetProperty("body").GetString(), Is.EqualTo("\"aws\""));
        });
    }

    [Test]
    public async Task With_an_OTLP_endpoint_the_invocations_spans_are_exported_before_its_response_is_posted()
    {
        await using var collector = new OtlpReceiver();
        await using var emulator = RuntimeApiEmulator.Start();
        await using var host = TracedHost(collector);
        var traceId = ActivityTraceId.CreateRandom();

        var outcome = await InvokeTracedAsync(emulator, host, traceId, collector);

        Assert.That(outcome.Succeeded, Is.True, outcome.Body);
        Assert.That(outcome.ExportedBefore, Is.True, $"exports before the response: {string.Join(", ", collector.Exports.Select(export => export.Path))}");
    }

    [Test]
    public async Task An_export_the_collector_has_not_answered_is_not_taken_for_flushed()
    {
        // The collector takes the export in but answers it only once the response is posted. The SDK's flush wakes up
        // at least every second, so the default two-second bound spans a wake-up while the export is still open.
        var responsePosted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var collector = new OtlpReceiver(responsePosted.Task);
        await using var emulator = RuntimeApiEmulator.Start();
        await using var host = TracedHost(collector);

        TracedOutcome outcome;
        try
        {
            outcome = await InvokeTracedAsync(emulator, host, ActivityTraceId.CreateRandom(), collector);
        }
        finally
        {
            responsePosted.SetResult();
        }

        Assert.That(outcome.Succeeded, Is.True, outcome.Body);
        Assert.That(
            host.LogLines.Select(line => line.GetProperty("message").GetString()),
            Has.One.EqualTo("Buffered spans were not exported before the invocation's answer; they go with a later export"));
    }

    [Test]
    public async Task Without_an_OTLP_endpoint_no_telemetry_is_built()
    {
        await using var host = TestHost.Create();

        Assert.That(host.Services.GetService<TracerProvider>(), Is.Null);
        Assert.That(host.Services.GetService<TelemetryFlush>(), Is.Null);
    }

    private sealed record TracedOutcome(bool Succeeded, string Body, bool ExportedBefore);

    private static TestHost TracedHost(OtlpReceiver collector) => TestHost.Create(settings: new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = "portable-flush-test",
    });

    /// <summary>
    /// One traced queue message through the runtime loop; whether the collector held the invocation's span when the
    /// emulator had the response.
    /// </summary>
    private static async Task<TracedOutcome> InvokeTracedAsync(RuntimeApiEmulator emulator, TestHost host, ActivityTraceId traceId, OtlpReceiver collector)
    {
        using var client = new RuntimeApiClient(emulator.Endpoint);
        using var stop = new CancellationTokenSource();
        var runtime = new LambdaRuntime(client, LambdaHost.CreateRunner(host.Services, HandlerNames.Queue), host.Services.GetRequiredService<ILogger<LambdaRuntime>>());
        var loop = Task.Run(() => runtime.Run(stop.Token));
        var device = "dev-" + Guid.NewGuid().ToString("N");

        var outcome = await emulator.InvokeAsync(QueueEvents.SqsTraced(
            "portable-error-logs",
            $$"""[{"device_id":"{{device}}","error_number":1,"time_stamp":10}]""",
            $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01",
            awsTraceHeader: null));

        // No waiting: an export answered before the runtime posted the response is recorded already.
        var exported = collector.Received("/v1/traces", TraceIdBytes(traceId), "process error-logs"u8.ToArray(), "portable-flush-test"u8.ToArray());
        await stop.CancelAsync();
        await loop;
        return new TracedOutcome(outcome.Succeeded, outcome.Body, exported);
    }

    private static byte[] TraceIdBytes(ActivityTraceId traceId)
    {
        var bytes = new byte[16];
        traceId.CopyTo(bytes);
        return bytes;
    }

    [Test]
    public async Task Next_reads_the_request_id_deadline_arn_and_trace_headers()
    {
        await using var emulator = RuntimeApiEmulator.Start();
        using var client = new RuntimeApiClient(emulator.Endpoint);
        var queued = emulator.Enqueue("""{"hello":1}""", TimeSpan.FromSeconds(42), "Root=1-abc;Sampled=1");

        var invocation = client.Next(CancellationToken.None);
        var accepted = client.SendResponse(invocation.RequestId, """{"ok":true}"""u8.ToArray(), CancellationToken.None);
        var outcome = await queued.Outcome;

        Assert.Multiple(() =>
        {
            Assert.That(invocation.RequestId, Is.EqualTo(queued.RequestId));
            Assert.That(invocation.TraceId, Is.EqualTo("Root=1-abc;Sampled=1"));
            Assert.That(invocation.FunctionArn, Is.EqualTo(emulator.FunctionArn));
            Assert.That(invocation.Deadline - DateTimeOffset.UtcNow, Is.InRange(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(42)));
            Assert.That(invocation.Event.ToArray(), Is.EqualTo("""{"hello":1}"""u8.ToArray()));
            Assert.That(accepted, Is.True);
            Assert.That(outcome.Body, Is.EqualTo("""{"ok":true}"""));
        });
    }

    [Test]
    public async Task An_init_error_carries_its_type_header()
    {
        await using var emulator = RuntimeApiEmulator.Start();
        using var client = new RuntimeApiClient(emulator.Endpoint);

        client.SendInitError(RuntimeError.From(new UnknownHandlerException("nope")), "Runtime.NoSuchHandler", CancellationToken.None);
        var outcome = await emulator.InitError;

        Assert.That(outcome.ErrorType, Is.EqualTo("Runtime.NoSuchHandler"));
        Assert.That(JsonDocument.Parse(outcome.Body).RootElement.GetProperty("errorMessage").GetString(), Does.Contain("api, authorizer, operator-authorizer, queue, schedule"));
    }
}
