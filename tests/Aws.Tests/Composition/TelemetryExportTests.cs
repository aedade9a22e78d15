using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using Portable.Adapters.Telemetry;
using Portable.Aws.Tests.Runtime;
using Portable.Core.Telemetry;

namespace Portable.Aws.Tests.Composition;

/// <summary>The OTLP wiring every host shares (<c>AddPortableTelemetry</c>), against a loopback collector.</summary>
public sealed class TelemetryExportTests
{
    [Test]
    public async Task Over_OTLP_HTTP_traces_metrics_and_logs_each_go_to_their_signals_path_under_the_endpoint()
    {
        await using var collector = new OtlpReceiver();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Endpoint.ToString(),
            ["Telemetry:OtlpProtocol"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "portable-signals-test",
        }).Build();
        await using var services = new ServiceCollection().AddPortableTelemetry(configuration).BuildServiceProvider();
        var flush = services.GetRequiredService<TelemetryFlush>();
        var metering = services.GetRequiredService<MeterProvider>();
        var logging = services.GetRequiredService<LoggerProvider>();
        var marker = "signal-" + Guid.NewGuid().ToString("N");
        var markerBytes = System.Text.Encoding.UTF8.GetBytes(marker);

        PortableTelemetry.Source.StartActivity(marker)?.Dispose();
        PortableTelemetry.Meter.CreateCounter<long>(marker).Add(1);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("signals").LogInformation("{Marker}", marker);
        var flushed = flush.ForceFlush(TimeSpan.MaxValue);
        metering.ForceFlush();
        logging.ForceFlush();

        // The exports run on the SDK's own threads; each is awaited until the collector has it (the bound only ends a
        // broken run).
        await collector.WhenReceivedAsync("/v1/metrics", markerBytes).WaitAsync(TimeSpan.FromSeconds(60));
        await collector.WhenReceivedAsync("/v1/logs", markerBytes).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(flushed, Is.True);
            Assert.That(collector.Received("/v1/traces", markerBytes), Is.True, "the span flushed is at the collector");
            Assert.That(collector.Received("/v1/traces", "portable-signals-test"u8.ToArray()), Is.True, "with the service name of the resource");
        });
    }
}
