using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Adapters.Sqlite.Orders;
using Portable.Adapters.Sqlite.Quality;
using Portable.Adapters.Durable;
using Portable.Adapters.Hosting.Orders;
using Portable.Adapters.Hosting.Queues;
using Portable.Adapters.MySql;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.Hosting.Telemetry;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Durable.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Adapters.Sqs;
using Portable.Core.ErrorLogs;
using Portable.Core.Messaging;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;
using Portable.Core;

namespace Portable.Adapters.Hosting;

/// <summary>Every host's composition: Core's services on the stores and queues chosen by configuration.</summary>
public static class PortableServices
{
    /// <summary>Registers the system; relative store paths are taken from <paramref name="contentRoot"/>.</summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="contentRoot">Relative store paths start here.</param>
    /// <param name="backgroundWork">
    /// True for long-running hosts: the durable worker and the queue consumers run in the process. Hosts that
    /// are woken per event (Lambda) pass false and drive the same work from their handlers.
    /// </param>
    public static IServiceCollection AddPortableSystem(this IServiceCollection services, IConfiguration configuration, string contentRoot, bool backgroundWork = true)
    {
        services.AddPortableCore(configuration);

        var sqlitePath = Path.Combine(contentRoot, configuration["Storage:Sqlite:Path"] ?? ".data/app.db");
        services.AddSingleton(_ => new SqliteDatabase(sqlitePath));
        AddStores(services, configuration);

        services.AddSingleton(OrderOptions.FromConfiguration(configuration));
        services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();

        var notifier = QualityNotifierOptions.FromConfiguration(configuration);
        services.AddSingleton(notifier);
        services.AddSingleton(_ => new WebhookNotifier(
            new HttpClient { Timeout = notifier.Timeout },
            notifier.WebhookUrl ?? throw new InvalidOperationException("Quality:Notifier:WebhookUrl is not set.")));
        services.AddSingleton<IQualityNotifier>(provider => notifier.ViaQueue
            ? new QueuedNotifier(provider.GetRequiredService<IQueueProvider>())
            : provider.GetRequiredService<WebhookNotifier>());
        services.AddSingleton<NotificationQueueHandler>();
        services.AddSingleton<SampleIntake>();
        services.AddSingleton<OrderDispatcher>();
        services.AddSingleton<SampleQueueHandler>();

        AddQueues(services, configuration);
        AddWorkflows(services, configuration, sqlitePath, backgroundWork);
        if (backgroundWork)
        {
            services.AddQueueConsumer(QueueNames.OrderDispatch, provider => provider.GetRequiredService<OrderDispatcher>().HandleAsync);
            services.AddQueueConsumer(QueueNames.QualitySamples, provider => provider.GetRequiredService<SampleQueueHandler>().HandleAsync);
            services.AddHostedService<OrderDispatchSchedule>();
            if (notifier.ViaQueue)
            {
                services.AddQueueConsumer(QueueNames.QualityNotifications, provider => provider.GetRequiredService<NotificationQueueHandler>().HandleAsync);
            }
        }

        // Built on first use, so a host without an upstream configured still serves everything else.
        services.AddSingleton(_ => ObservationsOptions.FromConfiguration(configuration));
        services.AddSingleton(provider => new ClientCredentialsTokenSource(
            new HttpClient(), provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ClientCredentialsTokenSource>>()));
        services.AddSingleton(provider => new ObservationsService(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, provider.GetRequiredService<ClientCredentialsTokenSource>(),
            provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ObservationsService>>()));
        services.AddStoreAndQueueTracing();
        return services;
    }

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (the embedded default) or <c>MySql</c> (RDS MySQL, <c>ConnectionStrings:MySql</c>).</summary>
    private static void AddStores(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "Sqlite";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IErrorLogStore, SqliteErrorLogStore>();
            services.AddSingleton<IOrderStore, SqliteOrderStore>();
            services.AddSingleton<IPaymentLedger, SqlitePaymentLedger>();
            services.AddSingleton<IQualityStore, SqliteQualityStore>();
        }
        else if (provider.Equals("MySql", StringComparison.OrdinalIgnoreCase))
        {
            services.AddMySqlStorage(configuration);
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider must be Sqlite or MySql; it is '{provider}'.");
        }
    }

    private static void AddQueues(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Queues:Provider"] ?? "InProcess";
        if (provider.Equals("InProcess", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSqliteQueues();
        }
        else if (provider.Equals("Sqs", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSqsQueues(configuration);
        }
        else
        {
            throw new InvalidOperationException($"Queues:Provider must be InProcess or Sqs; it is '{provider}'.");
        }
    }

    /// <summary>
    /// The durable runtime's store follows <c>Storage:Provider</c>: on MySQL it is shared by every process (several
    /// workers or Lambda instances); on SQLite it keeps its own file beside the application's, so its single writer
    /// never waits on store writes.
    /// </summary>
    private static void AddWorkflows(IServiceCollection services, IConfiguration configuration, string sqlitePath, bool backgroundWork)
    {
        if (string.Equals(configuration["Storage:Provider"], "MySql", StringComparison.OrdinalIgnoreCase))
        {
            services.AddMySqlOrchestrationStore(configuration);
        }
        else
        {
            var directory = Path.GetDirectoryName(sqlitePath) ?? ".";
            Directory.CreateDirectory(directory);
            var durablePath = Path.Combine(directory, Path.GetFileNameWithoutExtension(sqlitePath) + ".durable.db");
            services.AddSqliteOrchestrationStore($"Data Source={durablePath}");
        }

        services.AddSingleton(new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow());
        services.AddDurableRuntime(options =>
        {
            options.TypeInfoResolvers.Add(OrdersJsonContext.Default);
            options.TypeInfoResolvers.Add(QualityJsonContext.Default);
        });
        if (backgroundWork)
        {
            services.AddDurableWorker();
        }
    }
}
