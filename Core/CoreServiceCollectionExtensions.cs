using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portable.Core.Dashboard;
using Portable.Core.ErrorLogs;
using Portable.Core.Home;
using Portable.Core.Http;
using Portable.Core.Idempotency;
using Portable.Core.Messaging;
using Portable.Core.Metadata;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Settings;
using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;

namespace Portable.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>Core</c> offers every host: its options, the application services, the endpoint groups and the
    /// route table built from them (with its policies and dispatcher), the queue consumers (<see cref="QueueConsumers"/>),
    /// the workflow registry with every workflow and activity, and the data converter over Core's JSON contexts. The host
    /// adds stores, queues, a workflow runtime (its <see cref="IWorkflowClient"/>), its <see cref="HostMetadata"/>,
    /// logging, and whatever binds the routes, queues and workflows to its platform.
    /// </summary>
    public static IServiceCollection AddPortableCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings(() => configuration.Get<AccessOptions>() ?? new AccessOptions());
        services.AddSettings(() => configuration.GetSection(IdempotencyOptions.Section).Get<IdempotencyOptions>() ?? new IdempotencyOptions());
        services.TryAddSingleton(provider => new IdempotencyKeySweep(
            provider.GetRequiredService<IExpiredKeyStore>(), provider.GetRequiredService<IdempotencyOptions>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<IdempotencyKeySweep>>()));
        services.TryAddSingleton(provider => new InstanceCodes(provider.GetRequiredService<AccessOptions>()));
        services.TryAddSingleton(provider => new InstanceLinks(provider.GetRequiredService<AccessOptions>(), provider.GetRequiredService<InstanceCodes>()));
        services.TryAddSingleton(provider => new ApiAuthenticator(provider.GetRequiredService<AccessOptions>(), provider.GetRequiredService<InstanceCodes>()));
        services.AddOrders(configuration);
        services.AddQuality(configuration);
        services.AddObservations(configuration);
        services.AddRoutes();
        services.AddQueueConsumers();

        // Built at first use: a function that answers an API request without a workflow never builds the registry or the
        // JSON contexts' metadata (about 0.8 ms of a native cold start).
        services.TryAddSingleton(_ => new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow());
        services.TryAddSingleton<IDataConverter>(_ => new JsonDataConverter(CoreJsonContexts.Workflows));
        return services;
    }

    private static void AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(() => configuration.GetSection(OrderOptions.Section).Get<OrderOptions>() ?? new OrderOptions());
        services.TryAddSingleton<IPaymentGateway>(provider => new SimulatedPaymentGateway(
            provider.GetRequiredService<IPaymentLedger>(), provider.GetRequiredService<OrderOptions>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new OrderPlacement(
            provider.GetRequiredService<IOrderStore>(), provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<OrderOptions>(),
            provider.GetRequiredService<IdempotencyOptions>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OrderPlacement>>()));
        services.TryAddSingleton(provider => new OrderLookup(
            provider.GetRequiredService<IOrderStore>(), provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<IDataConverter>()));
        services.TryAddSingleton(provider => new OrderCancellation(
            provider.GetRequiredService<OrderLookup>(), provider.GetRequiredService<IOrderStore>(), provider.GetRequiredService<IWorkflowClient>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OrderCancellation>>()));
        services.TryAddSingleton(provider => new OrderDispatcher(
            provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OrderDispatcher>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStartRule, OrderStartRule>(provider => new OrderStartRule(
            provider.GetRequiredService<IOrderStore>(), provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<IDataConverter>())));
    }

    private static void AddQuality(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(() => configuration.GetSection(QualityOptions.SectionName).Get<QualityOptions>(binder => binder.ErrorOnUnknownConfiguration = true)
            ?? new QualityOptions());
        services.AddSettings(() => configuration.GetSection(QualityNotifierOptions.Section).Get<QualityNotifierOptions>() ?? new QualityNotifierOptions());
        services.TryAddSingleton(provider =>
        {
            var notifier = provider.GetRequiredService<QualityNotifierOptions>();
            return new WebhookNotifier(
                new HttpClient { Timeout = notifier.Timeout },
                notifier.WebhookUrl ?? throw new InvalidOperationException("Quality:Notifier:WebhookUrl is not set."));
        });
        services.TryAddSingleton<IQualityNotifier>(provider => provider.GetRequiredService<QualityNotifierOptions>().ViaQueue
            ? new QueuedNotifier(provider.GetRequiredService<IQueueProvider>())
            : provider.GetRequiredService<WebhookNotifier>());
        services.TryAddSingleton(provider => new SpectrumChecker(provider.GetRequiredService<QualityOptions>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new SampleIntake(provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<QualityNotifierOptions>()));
        services.TryAddSingleton(provider => new NotificationRetry(
            provider.GetRequiredService<IQualityStore>(), provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<QualityNotifierOptions>(),
            provider.GetRequiredService<ILogger<NotificationRetry>>()));
    }

    /// <summary>
    /// The statistics API is built only when its required keys are set, so a host without them still builds its route
    /// table (the route answers 503 naming them); a partial or malformed set stops the host at start.
    /// </summary>
    private static void AddObservations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(() => configuration.GetSection(ObservationsOptions.Section).Get<ObservationsOptions>() ?? new ObservationsOptions());
        services.TryAddSingleton(provider => new ClientCredentialsTokenSource(
            new HttpClient(), provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ClientCredentialsTokenSource>>()));
        services.TryAddSingleton(provider => new ObservationsService(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, provider.GetRequiredService<ClientCredentialsTokenSource>(),
            provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ObservationsService>>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<ObservationsOptions>().MissingKeys() is { Count: > 0 } missing
            ? ObservationsUpstream.NotConfigured(missing)
            : ObservationsUpstream.Configured(provider.GetRequiredService<ObservationsService>()));
    }

    private static void AddRoutes(this IServiceCollection services)
    {
        // Factories, not types, here and above: the container would read each constructor by reflection in a native cold
        // start, at the first request each group answers.
        services.TryAddSingleton(provider => new ErrorLogEndpoints(
            provider.GetRequiredService<IErrorLogStore>(), provider.GetRequiredService<IIdempotentErrorLogStore>(),
            provider.GetRequiredService<IdempotencyOptions>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ErrorLogEndpoints>>()));
        services.TryAddSingleton(provider => new OrderEndpoints(
            provider.GetRequiredService<OrderPlacement>(), provider.GetRequiredService<OrderLookup>(), provider.GetRequiredService<OrderCancellation>(),
            provider.GetRequiredService<InstanceLinks>(), provider.GetRequiredService<ILogger<OrderEndpoints>>()));
        services.TryAddSingleton(provider => new ObservationsEndpoints(provider.GetRequiredService<ObservationsUpstream>()));
        services.TryAddSingleton(provider => new MetadataEndpoints(provider.GetRequiredService<HostMetadata>()));
        services.TryAddSingleton(provider => new QualityEndpoints(
            provider.GetRequiredService<SpectrumChecker>(), provider.GetRequiredService<SampleIntake>(), provider.GetRequiredService<NotificationRetry>(),
            provider.GetRequiredService<IQualityStore>(), provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<InstanceLinks>(),
            provider.GetRequiredService<ILogger<QualityEndpoints>>()));
        services.TryAddSingleton(provider => new ManagementEndpoints(
            provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<InstanceLinks>(),
            provider.GetServices<IWorkflowStartRule>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new HomeEndpoints(provider.GetServices<HomeLink>()));
        services.TryAddSingleton(provider => ApiRoutes.Create(
            provider.GetRequiredService<ErrorLogEndpoints>,
            provider.GetRequiredService<OrderEndpoints>,
            provider.GetRequiredService<ObservationsEndpoints>,
            provider.GetRequiredService<MetadataEndpoints>,
            provider.GetRequiredService<QualityEndpoints>,
            provider.GetRequiredService<ManagementEndpoints>,
            provider.GetRequiredService<HomeEndpoints>,
            provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(DashboardEndpoints))
                ? provider.GetRequiredService<DashboardEndpoints>
                : null));
        services.TryAddSingleton(provider => new ApiDispatcher(
            provider.GetRequiredService<RouteTable>(), provider.GetRequiredService<ApiAuthenticator>(), provider.GetRequiredService<ILogger<ApiDispatcher>>()));
    }
}
