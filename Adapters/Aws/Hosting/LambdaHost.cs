using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Durable;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Aws.Schedule;
using Portable.Adapters.Durable;
using Portable.Adapters.Durable.Worker;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Durable.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Adapters.Sqs;
using Portable.Adapters.Telemetry;
using Portable.Core;
using Portable.Core.Dashboard;
using Portable.Core.Home;
using Portable.Core.Http;
using Portable.Core.Idempotency;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Settings;
using Portable.Core.Storage;
using Portable.Core.Telemetry;

namespace Portable.Adapters.Aws.Hosting;

/// <summary>The Lambda host's composition: configuration from the environment, the system, the handlers, JSON-line logs.</summary>
public static class LambdaHost
{
    /// <summary>Environment variables, <c>__</c> standing for <c>:</c>, as the template sets them.</summary>
    public static IConfigurationRoot BuildConfiguration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    /// <summary>
    /// Everything a function runs: Core on MySQL or SQLite (<c>Storage:Provider</c>) and SQS or the embedded queues
    /// (<c>Queues:Provider</c>), the project's durable runtime without a worker (a function runs only while it handles
    /// an event, so queue and durable work is driven by the handlers), and the four handlers.
    /// </summary>
    /// <param name="logOutput">Where log lines go: stdout on Lambda.</param>
    /// <param name="configure">Runs last, so tests can replace services.</param>
    public static ServiceProvider BuildServices(IConfiguration configuration, Stream logOutput, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var level = LogLevelOf(configuration);
        var services = new ServiceCollection();

        // No generic host starts here: the settings are checked below, once the container is built.
        services.CheckSettingsWithoutStartupValidator();
        services.AddSingleton(configuration);
        services.AddLambdaLogging(logOutput, level);

        services.AddPortableCore(configuration);
        services.AddSingleton(provider => LambdaMetadata.Create(configuration, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new HomeLink("management", "Workflow instances (operator key)", "/runtime/webhooks/durabletask/instances"));
        services.AddSingleton(new HomeLink("dashboard", "Operator dashboard (operator key)", "/dashboard"));
        services.AddDashboard(configuration, provider => provider.GetRequiredService<LambdaOptions>().RoutePrefix);
        AddStoresAndQueues(services, configuration);
        services.AddDurableRuntime();
        services.AddSingleton<IDurableSweeper, DurableSweeper>();
        AddHandlers(services, configuration);
        services.AddStoreAndQueueTracing();

        // OTLP only when configured (OTEL_EXPORTER_OTLP_ENDPOINT): otherwise this registers its options and nothing is built.
        services.AddPortableTelemetry(configuration);
        configure?.Invoke(services);

        // A bad setting fails the init phase, naming its key.
        var provider = services.BuildServiceProvider();
        try
        {
            provider.ValidateSettings();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return provider;
    }

    /// <summary>The runner for the handler named by <c>_HANDLER</c>.</summary>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    public static InvocationRunner CreateRunner(IServiceProvider services, string? handlerName)
    {
        ArgumentNullException.ThrowIfNull(services);
        var handler = string.IsNullOrWhiteSpace(handlerName) ? null : services.GetKeyedService<ILambdaHandler>(handlerName.Trim());
        return new InvocationRunner(
            handler ?? throw new UnknownHandlerException(handlerName),
            services.GetRequiredService<LambdaOptions>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<InvocationRunner>>(),
            services.GetRequiredService<IExternalScopeProvider>(),
            services.GetService<TelemetryFlush>());
    }

    /// <summary>/tmp is the only place a function may write, so relative SQLite paths land there.</summary>
    private static void AddStoresAndQueues(IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageOptions.From(configuration);
        var sqlitePath = Path.Combine(Path.GetTempPath(), storage.Sqlite.Path);
        if (storage.Provider == StoreProvider.MySql)
        {
            services.AddMySqlStores(configuration);
            services.AddMySqlOrchestrationStore(configuration);

            // Not in the init phase: the database's first use checks the schema (and migrates), once a process, so a
            // function that answers without the database (most API requests) never opens a connection.
            var migration = services.Single(descriptor => descriptor.ServiceType == typeof(IHostedService)
                && descriptor.ImplementationType == typeof(MySqlMigrationService));
            services.Remove(migration);
        }
        else
        {
            var durablePath = StorageOptions.DurablePathBeside(sqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(durablePath)!);
            services.AddSqliteStores(sqlitePath);
            services.AddSqliteOrchestrationStore($"Data Source={durablePath}");
        }

        if (QueueOptions.From(configuration).Provider == QueueProvider.Sqs)
        {
            services.AddSqsQueues(configuration);
            DeferQueueProvider(services);

            // Durable wake-ups become messages on durable-wakeups, whose consumer drains; registered after the
            // runtime's in-process default, so it wins.
            services.AddSingleton<IDurableWakeups, SqsDurableWakeups>();
        }
        else
        {
            services.AddSqliteQueues(sqlitePath);
        }
    }

    /// <summary>
    /// The SQS client is set up on the first send or receive, not when a handler that may send is built: most API
    /// requests and the queue function's stores never touch a queue.
    /// </summary>
    private static void DeferQueueProvider(IServiceCollection services)
    {
        var index = services.Count - 1;
        while (services[index].ServiceType != typeof(IQueueProvider) || services[index].IsKeyedService)
        {
            index--;
        }

        var create = services[index].ImplementationFactory
            ?? throw new InvalidOperationException("The SQS queue provider is expected to be registered by a factory.");
        services[index] = ServiceDescriptor.Singleton<IQueueProvider>(provider => new DeferredQueueProvider(() => (IQueueProvider)create(provider)));
    }

    /// <summary>
    /// The handlers, keyed by <see cref="HandlerNames"/>. The queue handler routes every queue of
    /// <see cref="QueueConsumers"/> to Core's consumer, and Lambda's own <c>durable-wakeups</c> to a drain.
    /// </summary>
    private static void AddHandlers(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(() => configuration.GetSection(LambdaOptions.Section).Get<LambdaOptions>() ?? new LambdaOptions());
        services.AddSettings(() => configuration.GetSection(DispatchDrainOptions.Section).Get<DispatchDrainOptions>() ?? new DispatchDrainOptions());
        services.AddKeyedSingleton<IQueueConsumer, DurableWakeupConsumer>(QueueNames.DurableWakeups);
        services.AddSingleton(provider => new QueueRouting(
            QueueConsumers.All.Select(binding => binding.Queue).Append(QueueNames.DurableWakeups)
                .ToDictionary(queue => queue, queue => (Func<IQueueConsumer>)(() => provider.GetRequiredKeyedService<IQueueConsumer>(queue))),
            configuration["Sqs:QueuePrefix"]));

        // Factories, not types: the container would read each handler's constructor by reflection in the cold start.
        services.AddKeyedSingleton<ILambdaHandler>(HandlerNames.Api, (provider, _) => new ApiGatewayHandler(
            provider.GetRequiredService<ApiDispatcher>(), provider.GetRequiredService<LambdaOptions>(), provider.GetRequiredService<ILogger<ApiGatewayHandler>>()));
        services.AddKeyedSingleton<ILambdaHandler>(HandlerNames.Authorizer, (provider, _) => new TokenAuthorizerHandler(
            provider.GetRequiredService<ApiAuthenticator>(), provider.GetRequiredService<ILogger<TokenAuthorizerHandler>>()));
        services.AddKeyedSingleton<ILambdaHandler>(HandlerNames.OperatorAuthorizer, (provider, _) => new OperatorAuthorizerHandler(
            provider.GetRequiredService<ApiDispatcher>(), provider.GetRequiredService<LambdaOptions>(), provider.GetRequiredService<ILogger<OperatorAuthorizerHandler>>()));
        services.AddKeyedSingleton<ILambdaHandler>(HandlerNames.Queue, (provider, _) => new SqsBatchHandler(
            provider.GetRequiredService<QueueRouting>(), provider.GetRequiredService<ILogger<SqsBatchHandler>>()));
        services.AddKeyedSingleton<ILambdaHandler>(HandlerNames.Schedule, (provider, _) => new ScheduleHandler(
            provider.GetRequiredService<OrderDispatcher>(), provider.GetRequiredService<IQueueProvider>(), provider.GetRequiredService<IDurableSweeper>(),
            provider.GetRequiredService<IdempotencyKeySweep>(), provider.GetRequiredService<DispatchDrainOptions>(), provider.GetRequiredService<ILogger<ScheduleHandler>>()));
    }

    /// <summary>Lambda's own log level setting (<c>AWS_LAMBDA_LOG_LEVEL</c>) first, then <c>Logging:LogLevel:Default</c>.</summary>
    private static LogLevel LogLevelOf(IConfiguration configuration) =>
        configuration["AWS_LAMBDA_LOG_LEVEL"]?.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Information,
            "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "FATAL" => LogLevel.Critical,
            _ => Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:Default"], ignoreCase: true, out var level) ? level : LogLevel.Information,
        };
}
