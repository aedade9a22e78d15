using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portable.Core.Telemetry;

namespace Portable.Adapters.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The OpenTelemetry SDK over Core's <c>Portable</c> source and meter and outgoing HTTP calls, exporting traces,
    /// metrics and logs over OTLP, each to its signal's path, when an endpoint is configured (see
    /// <see cref="TelemetryOptions"/>); a host adds its own instrumentation (the embedded host: ASP.NET Core) through
    /// <paramref name="tracing"/> and <paramref name="metrics"/>. Disabled, it registers nothing, so no span is even created.
    /// </summary>
    public static IServiceCollection AddPortableTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        var options = TelemetryOptions.From(configuration);
        services.AddSingleton(options);
        if (!options.IsEnabled)
        {
            return services;
        }

        var endpoint = options.Endpoint;
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceNameOrDefault))
            .WithTracing(tracer =>
            {
                tracer.AddSource(PortableTelemetry.Name).AddHttpClientInstrumentation();
                if (endpoint is not null)
                {
                    tracer.AddProcessor(provider => SpanExport(options, endpoint, provider.GetRequiredService<TraceExportProgress>()));
                }

                tracing?.Invoke(tracer);
            })
            .WithMetrics(meter =>
            {
                meter.AddMeter(PortableTelemetry.Name).AddHttpClientInstrumentation();
                if (endpoint is not null)
                {
                    meter.AddOtlpExporter(exporter => Target(exporter, options, endpoint, "metrics"));
                }

                metrics?.Invoke(meter);
            });
        if (endpoint is not null)
        {
            builder.WithLogging(logging => logging.AddOtlpExporter(exporter => Target(exporter, options, endpoint, "logs")));
            services.AddSingleton<TraceExportProgress>();
        }

        services.AddSingleton(provider => new TelemetryFlush(provider.GetRequiredService<TracerProvider>(), options, provider.GetService<TraceExportProgress>()));
        return services;
    }

    /// <summary>
    /// Spans in batches over OTLP (the batch settings from the standard <c>OTEL_BSP_*</c> variables), through an exporter
    /// that reports when each export is answered, which the SDK's own flush does not wait for.
    /// </summary>
    private static BatchActivityExportProcessor SpanExport(TelemetryOptions options, Uri endpoint, TraceExportProgress progress)
    {
        var exporter = Target(new OtlpExporterOptions(), options, endpoint, "traces");
        var batch = exporter.BatchExportProcessorOptions;
        return new BatchActivityExportProcessor(
            new ReportingOtlpTraceExporter(exporter, progress), batch.MaxQueueSize, batch.ScheduledDelayMilliseconds, batch.ExporterTimeoutMilliseconds, batch.MaxExportBatchSize);
    }

    /// <summary>The protocol, and the endpoint with the signal's path under it for OTLP/HTTP (gRPC names the signal in its method).</summary>
    private static OtlpExporterOptions Target(OtlpExporterOptions exporter, TelemetryOptions options, Uri endpoint, string signal)
    {
        exporter.Protocol = options.Protocol;
        exporter.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal, UriKind.Absolute)
            : endpoint;
        return exporter;
    }
}
