using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.Durable.Worker;
using Portable.Core;
using Portable.Core.Workflows;
using Portable.Tests.Support;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// One process's worth of the runtime on a test database: registry, store, client and (unless asked
/// not to) a running worker. Several hosts may share one database, one after another or at once.
/// </summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hostedServices;
    private bool _stopped;

    private DurableTestHost(ServiceProvider services, CapturedLogs logs)
    {
        _services = services;
        _hostedServices = [.. services.GetServices<IHostedService>()];
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public IWorkflowClient Client => _services.GetRequiredService<IWorkflowClient>();

    public IOrchestrationWorkerStore WorkerStore => _services.GetRequiredService<IOrchestrationWorkerStore>();

    public IOrchestrationClientStore ClientStore => _services.GetRequiredService<IOrchestrationClientStore>();

    public IDataConverter Converter => _services.GetRequiredService<IDataConverter>();

    /// <summary>The host's services, for what a test registered with them.</summary>
    public IServiceProvider Services => _services;

    public IDurableDrain Drain => _services.GetRequiredService<IDurableDrain>();

    public IReadOnlyList<IHostedService> HostedServices => _hostedServices;

    public static async Task<DurableTestHost> StartAsync(
        TestDatabase database,
        Action<WorkflowRegistry> register,
        Action<DurableOptions>? configure = null,
        bool startWorker = true,
        Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        database.AddStore(collection);
        services?.Invoke(collection);
        var registry = new WorkflowRegistry();
        register(registry);
        collection.AddSingleton(registry);
        collection.AddSingleton<IDataConverter>(new JsonDataConverter([TestJsonContext.Default, .. CoreJsonContexts.Workflows]));
        collection.AddDurableRuntime(options =>
        {
            options.MinPollingInterval = TimeSpan.FromMilliseconds(5);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(options);
        });
        if (startWorker)
        {
            collection.AddDurableWorker();
        }

        var host = new DurableTestHost(collection.BuildServiceProvider(), logs);
        foreach (var hosted in host._hostedServices)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return host;
    }

    /// <summary>Stops the worker as a host shutdown would, with <paramref name="timeout"/> to finish running work.</summary>
    public async Task StopWorkerAsync(TimeSpan? timeout = null)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var shutdown = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        foreach (var hosted in _hostedServices)
        {
            await hosted.StopAsync(shutdown.Token);
        }
    }

    public async Task<WorkflowInstance> RunAsync(string name, object? input, CancellationToken cancellationToken)
    {
        var id = await Client.ScheduleNewAsync(name, input, cancellationToken: cancellationToken);
        return await Client.WaitForCompletionAsync(id, cancellationToken);
    }

    /// <summary>Polls until the instance satisfies <paramref name="condition"/>.</summary>
    public async Task<WorkflowInstance> WaitUntilAsync(
        string instanceId, Func<WorkflowInstance, bool> condition, CancellationToken cancellationToken, bool getHistory = false)
    {
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, true, getHistory, cancellationToken);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public T? Read<T>(string? serialized) => Converter.Deserialize<T>(serialized);

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await _services.DisposeAsync();
    }
}
