using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.Worker;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Core;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// Core's order and quality-control workflows with their real activities and services, over real SQLite stores and
/// queues in a file of their own, and <see cref="RecordingWebhook"/> as the lab-staff webhook. Several hosts may share
/// one application (one after another), as processes share a database.
/// </summary>
internal sealed class CoreApplication : IDisposable
{
    private static readonly string Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portable-durable-tests");

    private readonly IConfiguration _configuration;
    private readonly Action<IServiceCollection>? _replace;

    /// <param name="settings">Core's settings, as a host reads them (<c>Orders:DeliveryDelay</c>, <c>Quality:Notifier:MaxAttempts</c>, ...).</param>
    /// <param name="replace">Replaces services after Core's and the stores' registrations (a store with an outage, say).</param>
    public CoreApplication(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null)
    {
        _replace = replace;
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, $"app-{Guid.NewGuid():N}.db");
        _configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Quality:Notifier:WebhookUrl"] = Webhook.Url.ToString() })
            .AddInMemoryCollection(settings)
            .Build();
    }

    public string Path { get; }

    public RecordingWebhook Webhook { get; } = new();

    /// <summary>A host running Core's workflows over this application's stores, on <paramref name="database"/>.</summary>
    public Task<DurableTestHost> StartHostAsync(TestDatabase database, bool startWorker = true) =>
        DurableTestHost.StartAsync(
            database,
            registry => registry.AddOrderWorkflow().AddQualityWorkflow(),
            configure: null,
            startWorker,
            AddServices);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }

    private void AddServices(IServiceCollection services)
    {
        services.AddPortableCore(_configuration);
        services.AddSqliteStores(Path);
        services.AddSqliteQueues(Path);

        // The webhook is this test's recorder, in place of the one Core would call.
        services.AddSingleton<IQualityNotifier>(new WebhookNotifier(new HttpClient(Webhook, disposeHandler: false), Webhook.Url));
        _replace?.Invoke(services);
    }
}
