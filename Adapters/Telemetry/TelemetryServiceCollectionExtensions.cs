using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portable.Core.Telemetry;

namespace Portable.Adapters.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The OpenTelemetry SDK over Core's <c>Portable</c> source and meter and outgoing HTTP calls, exporting over OTLP
    /// when an endpoint is configured (see <see cref="TelemetryOptions"/>); a host adds its own instrumentation (the
    /// embedded host: ASP.NET Core) through <paramref name="tracing"/> and <paramref name="metrics"/>. Disabled, it
    /// registers nothing, so no span is even created.
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

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceNameOrDefault))
            .WithTracing(tracer =>
            {
                tracer.AddSource(PortableTelemetry.Name).AddHttpClientInstrumentation();
                tracing?.Invoke(tracer);
            })
            .WithMetrics(meter =>
            {
                meter.AddMeter(PortableTelemetry.Name).AddHttpClientInstrumentation();
                metrics?.Invoke(meter);
            });
        services.AddSingleton(provider => new TelemetryFlush(provider.GetRequiredService<TracerProvider>(), options));
        if (options.Endpoint is { } endpoint)
        {
            // Traces, metrics and logs, each to its signal's path under the endpoint.
            builder.UseOtlpExporter(options.Protocol, endpoint);
        }

        return services;
    }
}
