using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.Client;
using Portable.Adapters.Durable.Worker;
using Portable.Core.Settings;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable runtime without background loops: <see cref="IWorkflowClient"/>,
    /// <see cref="IDurableDrain"/> (the bounded run that hosts without loops call), in-process
    /// <see cref="IDurableWakeups"/> unless one is registered (later registrations win). The host registers the
    /// <see cref="WorkflowRegistry"/> and the <see cref="IDataConverter"/> of its workflows' types (Core's registration
    /// does both), a store (both of its sides, e.g. with <c>AddSqliteOrchestrationStore</c>) and logging, and calls <see cref="AddDurableWorker"/>
    /// when the process should run the loops. Concurrency limits come from host.json in configuration (see
    /// <see cref="DurableOptions"/>), then from <paramref name="configure"/>, the one place code sets them; they are
    /// checked when the host starts and served as <see cref="DurableOptions"/> and <see cref="IOptions{TOptions}"/>.
    /// </summary>
    public static IServiceCollection AddDurableRuntime(this IServiceCollection services, Action<DurableOptions>? configure = null)
    {
        services.AddSettings(provider => DurableOptionsBinding.Bind(provider.GetService<IConfiguration>(), configure));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DurableSignals>();
        services.TryAddSingleton<IDurableWakeups, InProcessWakeups>();
        services.AddSingleton<IWorkflowClient, DurableWorkflowClient>();
        services.AddSingleton(provider => new HistoryCache(provider.GetRequiredService<IOptions<DurableOptions>>().Value.HistoryCacheSize));
        services.AddSingleton<WakeupSender>();
        services.AddSingleton<OrchestrationStepExecutor>();
        services.AddSingleton<ActivityExecutor>();
        services.AddSingleton<ActivityLeaseRenewal>();
        services.AddSingleton<IDurableDrain, DurableDrain>();
        return services;
    }

    /// <summary>
    /// Sets the orchestration store up (its schema) when the host starts, whether or not the process runs the worker's
    /// loops: for stores that create their own schema. A store whose tables come with the host's migrations (MySQL)
    /// registers none, so a function's init phase does not build it for nothing.
    /// </summary>
    public static IServiceCollection AddDurableStoreSetUp(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableStoreInitializer>());
        return services;
    }

    /// <summary>
    /// Adds the runtime's background loops (orchestration steps, activities, lease renewal, result batching) as a
    /// hosted service, for long-running hosts; call it after <see cref="AddDurableRuntime"/>.
    /// </summary>
    public static IServiceCollection AddDurableWorker(this IServiceCollection services)
    {
        services.AddHostedService<DurableWorker>();
        return services;
    }
}
