using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.Client;
using Portable.Adapters.Durable.Worker;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable runtime: the workflow registry built by <paramref name="register"/>, the data
    /// converter, <see cref="IWorkflowClient"/>, the worker as a hosted service and as <see cref="IDurableDrain"/>,
    /// and in-process <see cref="IDurableWakeups"/> unless one is registered (later registrations win). The host adds an
    /// <c>IOrchestrationStore</c> (e.g. the SQLite one) and logging. Concurrency limits come from
    /// host.json in configuration (see <see cref="DurableOptions"/>), then from <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddDurableRuntime(
        this IServiceCollection services, Action<WorkflowRegistry> register, Action<DurableOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var registry = new WorkflowRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddOptions<DurableOptions>();
        services.AddSingleton<IConfigureOptions<DurableOptions>, HostJsonDurableOptionsSetup>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDataConverter>(provider =>
            new JsonDataConverter(provider.GetRequiredService<IOptions<DurableOptions>>().Value.TypeInfoResolvers));
        services.AddSingleton<DurableSignals>();
        services.TryAddSingleton<IDurableWakeups, InProcessWakeups>();
        services.AddSingleton<IWorkflowClient, DurableWorkflowClient>();
        services.AddSingleton(provider => new HistoryCache(provider.GetRequiredService<IOptions<DurableOptions>>().Value.HistoryCacheSize));
        services.AddSingleton<WakeupSender>();
        services.AddSingleton<OrchestrationStepExecutor>();
        services.AddSingleton<ActivityExecutor>();
        services.AddSingleton<ActivityLeaseRenewal>();
        services.AddSingleton<IDurableDrain, DurableDrain>();
        services.AddHostedService<DurableWorker>();
        return services;
    }
}
