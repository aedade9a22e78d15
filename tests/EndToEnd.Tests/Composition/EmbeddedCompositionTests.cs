using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Adapters.Local.Idempotency;
using Portable.Adapters.Local.Orders;
using Portable.Adapters.Local.Queues;
using Portable.Core.Messaging;

namespace Portable.EndToEnd.Tests.Composition;

/// <summary>
/// What the embedded host runs in the background: the durable store's set-up and worker, a pump per queue consumer, the
/// dispatch schedule and the idempotency key sweep.
/// </summary>
public sealed class EmbeddedCompositionTests
{
    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("embedded-composition-");

    [TearDown]
    public void DeleteRoot()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    private ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        settings["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/hook";
        var services = new ServiceCollection();
        services.AddLogging();
        Program.AddEmbeddedSystem(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), _root.FullName);
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task On_its_defaults_it_runs_the_durable_worker_a_pump_for_every_queue_consumer_the_dispatch_schedule_and_the_key_sweep()
    {
        await using var provider = Compose([]);
        var hosted = provider.GetServices<IHostedService>().ToList();
        var pumps = hosted.OfType<QueueConsumerService>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(hosted.Select(service => service.GetType().Name), Is.EquivalentTo(
                new[] { "DurableStoreInitializer", "DurableWorker", nameof(OrderDispatchSchedule), nameof(IdempotencyKeySweepSchedule) }
                    .Concat(QueueConsumers.All.Select(_ => nameof(QueueConsumerService)))));
            Assert.That(
                pumps.Select(pump => (pump.QueueName, pump.Consumer.GetType())),
                Is.EquivalentTo(QueueConsumers.All.Select(binding => (binding.Queue, binding.ConsumerType))));
        });
    }

    [Test]
    public async Task On_MySql_it_also_migrates_the_schema_at_start()
    {
        await using var provider = Compose(new()
        {
            ["Storage:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = "Server=127.0.0.1;Port=9;Database=none;User ID=none",
        });

        var hosted = provider.GetServices<IHostedService>().Select(service => service.GetType().Name).ToList();
        Assert.That(hosted, Has.Exactly(1).EqualTo("MySqlMigrationService").And.Exactly(1).EqualTo("DurableWorker"));
    }
}
