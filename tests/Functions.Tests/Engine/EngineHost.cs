using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Core;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;
using Portable.Functions.Durable;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Core's order and quality-control workflows on Microsoft's Durable Task engine (<see cref="DurableTaskTestHost"/>: its
/// orchestration service, dispatchers and gRPC worker, in process), registered by <see cref="CoreWorkflowTasks"/> as any
/// durabletask-dotnet worker would register them, with Core's real services and activities over SQLite stores and queues
/// in a file of their own, and <see cref="TestWebhook"/> as the lab-staff webhook. Core's services start workflows
/// through <see cref="DurableWorkflowClient"/> over the engine's client, as the Functions app's do.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "portable-engine-tests");
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly DurableTaskTestHost _host;
    private readonly ILoggerFactory _loggers;
    private readonly string _path;

    private EngineHost(DurableTaskTestHost host, ILoggerFactory loggers, CapturedLogs logs, TestWebhook webhook, string path)
    {
        _host = host;
        _loggers = loggers;
        _path = path;
        Logs = logs;
        Webhook = webhook;
        History = new EngineHistory(logs);
    }

    /// <summary>The engine's own client.</summary>
    public DurableTaskClient Client => _host.Client;

    /// <summary>The worker's services: Core's, the stores and queues, and what the test registered.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Every log entry: Core's, the adapter's and the engine's own (debug included).</summary>
    public CapturedLogs Logs { get; }

    public TestWebhook Webhook { get; }

    /// <summary>What the engine did, as it logged it.</summary>
    public EngineHistory History { get; }

    public IDataConverter Converter => Services.GetRequiredService<IDataConverter>();

    /// <param name="settings">Core's settings, as a host reads them.</param>
    /// <param name="webhook">The lab-staff webhook (one that always answers 200 when null).</param>
    /// <param name="register">Workflows of the test's own, added to Core's.</param>
    public static async Task<EngineHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings, TestWebhook? webhook = null, Action<WorkflowRegistry>? register = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"app-{Guid.NewGuid():N}.db");
        webhook ??= new TestWebhook();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Quality:Notifier:WebhookUrl"] = webhook.Url.ToString() })
            .AddInMemoryCollection(settings)
            .Build();
        var workflows = new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow();
        register?.Invoke(workflows);
        var converter = new JsonDataConverter(Program.JsonContexts);

        var logs = new CapturedLogs();
        var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddCoreWorkflows(workflows, converter),
            new DurableTaskTestHostOptions
            {
                Port = FreePort(),
                LoggerFactory = loggers,
                ConfigureServices = services =>
                {
                    services.AddSingleton(workflows);
                    services.AddSingleton<IDataConverter>(converter);
                    services.AddPortableCore(configuration);
                    services.AddSqliteStores(path);
                    services.AddSqliteQueues(path);
                    services.AddCoreWorkflowWorker();
                    services.AddSingleton<IWorkflowClient>(provider =>
                        new DurableWorkflowClient(provider.GetRequiredService<DurableTaskClient>, workflows));

                    // The webhook is this test's, in place of the one Core would call.
                    services.AddSingleton<IQualityNotifier>(new WebhookNotifier(new HttpClient(webhook, disposeHandler: false), webhook.Url));
                },
            },
            cancellationToken);
        return new EngineHost(host, loggers, logs, webhook, path);
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The instance once it has ended, with its inputs and outputs.</summary>
    public Task<OrchestrationMetadata> CompletionAsync(string instanceId, CancellationToken cancellationToken) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);

    /// <summary>Asks the engine until the instance's state matches: it offers no change feed but completion.</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) is { } instance && match(instance))
            {
                return instance;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public T? Read<T>(string? serialized) => Converter.Deserialize<T>(serialized);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _loggers.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
