using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portable.Adapters.Telemetry;
using Portable.Core.Dashboard;
using Portable.Core.Home;
using Portable.Core.Http;
using Portable.Core.Settings;
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
    public const string ReferencePath = "/scalar";
    public const string OpenApiPath = "/openapi/v1.json";
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

        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateAtStart();
        if (configuration.GetValue("Dashboard:Enabled", defaultValue: true))
        {
            builder.Services.AddDashboard(configuration, _ => FunctionsStyleConfiguration.RoutePrefix(configuration), apiReference: ReferencePath);
        }

        AddHomeLinks(builder.Services, configuration);
        return builder;
    }

    /// <summary>
    /// The reference page: titles from the operations' summaries, none of the hosted services' buttons (the API client's
    /// "open in" button, the developer toolbar, the AI agent and MCP, telemetry); in Development, the development
    /// credentials filled in, so "Send" works at once.
    /// </summary>
    private static void ConfigureReference(ScalarOptions options, IConfiguration configuration, bool development)
    {
        options.WithTitle("Portable Serverless API")
            .WithOperationTitleSource(OperationTitleSource.Summary)
            .HideClientButton()
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry();
        if (!development)
        {
            return;
        }

        var credentials = new (string Scheme, string? Value)[]
        {
            (ApiDocumentation.ErrorLogsWriteKey, configuration["ErrorLogs:WriteKey"]),
            (ApiDocumentation.ErrorLogsReadKey, configuration["ErrorLogs:ReadKey"]),
            (ApiDocumentation.LabKey, configuration["Quality:LabKey"]),
            (ApiDocumentation.OperatorKey, configuration["Management:Keys"]?.Split(';')[0]),
        };
        foreach (var (scheme, value) in credentials.Where(credential => !string.IsNullOrEmpty(credential.Value)))
        {
            options.AddApiKeyAuthentication(scheme, key => key.Value = value);
        }

        if (configuration["Orders:Tokens"]?.Split(';')[0].Split('=')[0] is { Length: > 0 } token)
        {
            options.AddHttpAuthentication(ApiDocumentation.OrdersBearer, bearer => bearer.Token = token);
        }

        options.AddPreferredSecuritySchemes([.. credentials.Select(credential => credential.Scheme), ApiDocumentation.OrdersBearer]);
    }

    /// <summary>What <c>GET /</c> links to on the embedded host: what this class maps.</summary>
    private static void AddHomeLinks(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Dashboard:Enabled", defaultValue: true))
        {
            services.AddSingleton(new HomeLink("dashboard", "Operator dashboard (operator key)", "/dashboard"));
        }

        services.AddSingleton(new HomeLink("apiReference", "API reference", ReferencePath));
        services.AddSingleton(new HomeLink("openApi", "OpenAPI document", OpenApiPath));
        services.AddSingleton(new HomeLink("health", "Readiness", ReadyPath));
        services.AddSingleton(new HomeLink("liveness", "Liveness", LivePath));
    }

    public static WebApplication MapOperability(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(ReferencePath, options => ConfigureReference(options, app.Configuration, app.Environment.IsDevelopment()));
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
