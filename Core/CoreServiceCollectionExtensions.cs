using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portable.Core.Http;
using Portable.Core.Messaging;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>Core</c> offers every host: its options, the route table with its policies and dispatcher, the
    /// application services, the queue consumers (<see cref="QueueConsumers"/>), the workflow registry with every workflow
    /// and activity, and the data converter over Core's JSON contexts. The host adds stores, queues, a workflow runtime
    /// (its <see cref="IWorkflowClient"/>), its <see cref="Metadata.HostMetadata"/>, logging, and whatever binds the
    /// routes, queues and workflows to its platform.
    /// </summary>
    public static IServiceCollection AddPortableCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(AccessOptions.FromConfiguration(configuration));
        services.TryAddSingleton<ApiAuthenticator>();
        services.TryAddSingleton(ApiRoutes.Create());
        services.TryAddSingleton<ApiDispatcher>();

        services.AddOrders(configuration);
        services.AddQuality(configuration);
        services.AddObservations(configuration);
        services.AddQueueConsumers();

        services.TryAddSingleton(new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow());
        services.TryAddSingleton<IDataConverter>(new JsonDataConverter(CoreJsonContexts.Workflows));
        return services;
    }

    private static void AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(OrderOptions.FromConfiguration(configuration));
        services.TryAddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        services.TryAddSingleton<OrderDispatcher>();
    }

    private static void AddQuality(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(QualityOptions.FromConfiguration(configuration.GetSection(QualityOptions.SectionName)));
        services.TryAddSingleton<SpectrumChecker>();
        var notifier = QualityNotifierOptions.FromConfiguration(configuration);
        services.TryAddSingleton(notifier);
        services.TryAddSingleton(_ => new WebhookNotifier(
            new HttpClient { Timeout = notifier.Timeout },
            notifier.WebhookUrl ?? throw new InvalidOperationException("Quality:Notifier:WebhookUrl is not set.")));
        services.TryAddSingleton<IQualityNotifier>(provider => notifier.ViaQueue
            ? new QueuedNotifier(provider.GetRequiredService<IQueueProvider>())
            : provider.GetRequiredService<WebhookNotifier>());
        services.TryAddSingleton<SampleIntake>();
    }

    /// <summary>Built on first use, so a host without an upstream configured still serves everything else.</summary>
    private static void AddObservations(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => ObservationsOptions.FromConfiguration(configuration));
        services.TryAddSingleton(provider => new ClientCredentialsTokenSource(
            new HttpClient(), provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ClientCredentialsTokenSource>>()));
        services.TryAddSingleton(provider => new ObservationsService(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, provider.GetRequiredService<ClientCredentialsTokenSource>(),
            provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ObservationsService>>()));
    }
}
