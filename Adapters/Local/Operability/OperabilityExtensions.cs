using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portable.Adapters.Telemetry;
using Portable.Adapters.Local.Dashboard;
using Scalar.AspNetCore;

namespace Portable.Adapters.Local.Operability;

/// <summary>
/// What makes the embedded host easy to watch and to use: plain log lines at a terminal and JSON logs with scopes
/// otherwise, traces and metrics (exported over
/// OTLP when an endpoint is configured), the OpenAPI document with its reference page, health endpoints and the
/// operator dashboard.
/// </summary>
internal static class OperabilityExtensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static WebApplicationBuilder AddOperability(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        // At a terminal, plain coloured lines; otherwise one JSON object per line, with the scopes (order, sample, device,
        // instance, route, trace) of the unit of work.
        var format = ConsoleLogFormat.For(configuration["Logging:Console:FormatterName"], outputIsTerminal: !Console.IsOutputRedirected);
        if (format == ConsoleLogFormat.Json)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else if (format == ConsoleLogFormat.Plain)
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }

        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.Services.AddPortableTelemetry(
            configuration,
            tracing => tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health")),
            metrics => metrics.AddAspNetCoreInstrumentation());

        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer<RouteTableDocumentTransformer>());

        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<QueueHealthCheck>("queues", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<DurableStoreHealthCheck>("durable-store", tags: [Ready], timeout: TimeSpan.FromSeconds(5));

        builder.Services.AddDashboard();
        return builder;
    }

    public static WebApplication MapOperability(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("Portable Serverless API"));
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync });
        if (app.Services.GetRequiredService<DashboardOptions>().Enabled)
        {
            app.MapDashboard();
        }

        return app;
    }
}
