using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Adapters.Durable;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Bench.Durable;

/// <summary>One process's durable runtime on a bench store, with the default settings a host gets (4 concurrent orchestration steps, 8 activities).</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>The worker's poll loops: one for orchestration steps, one for activities.</summary>
    public const int Loops = 2;

    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private BenchHost(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public IWorkflowClient Client => _services.GetRequiredService<IWorkflowClient>();

    /// <summary>The store's calls, counted and timed.</summary>
    public CountingStore Calls => _services.GetRequiredService<CountingStore>();

    public static Task<BenchHost> StartAsync(BenchStore store, int? orchestrators = null) => StartAsync(store.AddStore, orchestrators);

    /// <param name="addStore">Registers the durable store.</param>
    /// <param name="orchestrators">Orchestration loops, when not the default.</param>
    /// <param name="worker">Whether this process runs the worker's loops, or is only a client of workers elsewhere.</param>
    public static async Task<BenchHost> StartAsync(Action<IServiceCollection> addStore, int? orchestrators = null, bool worker = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        addStore(services);

        // Wraps whatever the store registered, both sides in one counter.
        var workerSide = Unregister<IOrchestrationWorkerStore>(services);
        var clientSide = Unregister<IOrchestrationClientStore>(services);
        services.AddSingleton(provider => new CountingStore(workerSide(provider), clientSide(provider)));
        services.AddSingleton<IOrchestrationWorkerStore>(provider => provider.GetRequiredService<CountingStore>());
        services.AddSingleton<IOrchestrationClientStore>(provider => provider.GetRequiredService<CountingStore>());

        var registry = new WorkflowRegistry();
        Workloads.Register(registry);
        services.AddSingleton(registry);
        services.AddSingleton<IDataConverter>(JsonDataConverter.Default);
        services.AddDurableRuntime(options =>
        {
            if (orchestrators is { } loops)
            {
                options.MaxConcurrentOrchestratorFunctions = loops;
            }
        });
        if (worker)
        {
            services.AddDurableWorker();
        }

        var host = new BenchHost(services.BuildServiceProvider());
        foreach (var hosted in host._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return host;
    }

    /// <summary>Removes the last registration of <typeparamref name="T"/> and returns what it built.</summary>
    private static Func<IServiceProvider, T> Unregister<T>(IServiceCollection services)
        where T : class
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(T));
        services.Remove(registered);
        return provider => registered.ImplementationFactory is { } factory
            ? (T)factory(provider)
            : (T)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
    }

    public async ValueTask DisposeAsync()
    {
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(shutdown.Token);
        }

        await _services.DisposeAsync();
    }
}
