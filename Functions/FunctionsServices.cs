using System.Text.Json.Serialization.Metadata;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Hosting;
using Portable.Core.Messaging;
using Portable.Core.Metadata;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Functions.Queues;
using Portable.Functions.Serialization;

namespace Portable.Functions;

/// <summary>The Functions app's composition: the shared system plus what Azure puts under Core's ports.</summary>
public static class FunctionsServices
{
    /// <summary>The JSON contexts of everything that crosses the Durable boundary.</summary>
    public static IReadOnlyList<IJsonTypeInfoResolver> JsonContexts { get; } =
        [OrdersJsonContext.Default, QualityJsonContext.Default, FunctionsJsonContext.Default];

    public static IServiceCollection AddFunctionsHost(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPortableSystem(configuration, contentRoot);

        var converter = new JsonDataConverter(JsonContexts);
        services.AddSingleton<IDataConverter>(converter);
        services.AddOptions<WorkerOptions>().Configure(options =>
            options.Serializer = new CoreObjectSerializer(converter, JsonContexts, options.Serializer ?? new JsonObjectSerializer()));

        services.AddSingleton(new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow());
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<ActivityRunner>();
        services.AddSingleton<IWorkflowClient>(provider => new DurableWorkflowClient(() => DurableClientScope.Current, provider.GetRequiredService<WorkflowRegistry>()));

        // The app's own storage account (Azurite under `func start`) holds the queues, as it holds the task hub.
        services.AddSingleton<IQueueProvider>(_ => new StorageQueueProvider(
            configuration["AzureWebJobsStorage"] ?? throw new InvalidOperationException("AzureWebJobsStorage is not set: the queues live in the Functions app's storage account.")));
        services.AddSingleton<OrderDispatcher>();

        services.AddSingleton<HostMetadata>(provider => ProcessHostMetadata.Create(
            provider.GetRequiredService<TimeProvider>(),
            cloud: "azure",
            region: configuration["REGION_NAME"] ?? "local",
            functionName: configuration["WEBSITE_SITE_NAME"] ?? "Portable.Functions"));
        return services;
    }
}
