using System.Text.Json.Serialization.Metadata;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Telemetry;
using Portable.Adapters.MySql;
using Portable.Adapters.Sqlite;
using Portable.Core;
using Portable.Core.Dashboard;
using Portable.Core.Messaging;
using Portable.Core.Metadata;
using Portable.Core.Storage;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Functions.Http;
using Portable.Functions.Queues;
using Portable.Functions.Serialization;

var builder = FunctionsApplication.CreateBuilder(args);
Program.AddFunctionsSystem(builder.Services, builder.Configuration, builder.Environment.ContentRootPath);
builder.Build().Run();

/// <summary>The Azure Functions host: Core behind triggers, its workflows on Durable Functions.</summary>
public partial class Program
{
    /// <summary>The JSON contexts of everything that crosses the Durable boundary.</summary>
    public static IReadOnlyList<IJsonTypeInfoResolver> JsonContexts { get; } = [.. CoreJsonContexts.Workflows, FunctionsJsonContext.Default];

    /// <summary>
    /// Everything the Functions app runs: Core, its stores (SQLite for a local <c>func start</c>, or MySQL by
    /// <c>Storage:Provider</c>), the app's Storage queues, and Core's workflows on Durable Functions, reached through the
    /// trigger's durable client. No background work of its own: the Functions host runs the triggers (HTTP, queues,
    /// timer, orchestrations, activities), and the workflows' state lives in Durable Functions' task hub.
    /// </summary>
    /// <param name="contentRoot">A relative SQLite path starts here.</param>
    public static IServiceCollection AddFunctionsSystem(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var converter = new JsonDataConverter(JsonContexts);
        services.AddSingleton<IDataConverter>(converter);
        services.AddOptions<WorkerOptions>().Configure(options =>
            options.Serializer = new CoreObjectSerializer(converter, JsonContexts, options.Serializer ?? new JsonObjectSerializer()));

        services.AddPortableCore(configuration);
        services.AddSingleton(provider => ProcessHostMetadata.Create(
            provider.GetRequiredService<TimeProvider>(),
            cloud: "azure",
            region: configuration["REGION_NAME"] ?? "local",
            functionName: configuration["WEBSITE_SITE_NAME"] ?? "Portable.Functions"));

        var storage = StorageOptions.From(configuration);
        if (storage.Provider == StoreProvider.MySql)
        {
            services.AddMySqlStores(configuration);
        }
        else
        {
            services.AddSqliteStores(Path.Combine(contentRoot, storage.Sqlite.Path));
        }

        // The app's own storage account (Azurite under `func start`) holds the queues, as it holds the task hub.
        services.AddSingleton<IQueueProvider>(provider => new StorageQueueProvider(
            configuration["AzureWebJobsStorage"] ?? throw new InvalidOperationException("AzureWebJobsStorage is not set: the queues live in the Functions app's storage account."),
            provider.GetRequiredService<TimeProvider>()));

        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<ActivityRunner>();
        services.AddSingleton<IWorkflowClient>(provider => new DurableWorkflowClient(() => DurableClientScope.Current, provider.GetRequiredService<WorkflowRegistry>()));
        services.AddStoreAndQueueTracing();
        if (configuration.GetValue("Dashboard:Enabled", defaultValue: true))
        {
            // Below the route prefix, as every HTTP trigger of the app (DashboardFunctions); the management API the page
            // calls is Durable's own, at the same /runtime/webhooks/durabletask path as on the other hosts.
            services.AddDashboard(configuration, _ => HttpExchange.RoutePrefix, servedUnder: HttpExchange.RoutePrefix);
        }

        AddOperability(services, configuration);
        return services;
    }

    /// <summary>
    /// As on the other hosts: one JSON object per log line with the unit of work's scopes (order, sample, device,
    /// instance, queue message), trace and span ids on every line, and Core's traces and metrics over OTLP when an
    /// endpoint is configured. <c>Logging:Console:FormatterName=simple</c> brings back plain lines.
    /// </summary>
    private static void AddOperability(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Logging:Console:FormatterName"] is null)
        {
            services.AddLogging(logging => logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            }));
        }

        services.Configure<LoggerFactoryOptions>(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        services.AddPortableTelemetry(configuration);
    }
}
