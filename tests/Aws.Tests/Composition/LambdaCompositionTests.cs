using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Adapters.Aws.Durable;
using Portable.Adapters.Aws.Hosting;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.Messaging;

namespace Portable.Aws.Tests.Composition;

/// <summary>
/// What a function runs: no loop of its own between invocations. Its init phase only sets the durable store up (SQLite;
/// MySQL's schema is checked at the database's first use); the queue handler feeds every queue of Core's list to Core's consumer, and Lambda's own wake-ups to a drain.
/// </summary>
public sealed class LambdaCompositionTests
{
    private DirectoryInfo _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("portable-lambda-composition-");

    [TearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        settings["Storage:Sqlite:Path"] = Path.Combine(_directory.FullName, "app.db");
        settings["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/qc";
        return LambdaHost.BuildServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Stream.Null);
    }

    [Test]
    public async Task A_function_starts_no_background_loop_only_the_durable_stores_set_up()
    {
        await using var services = Compose([]);

        var hosted = services.GetServices<IHostedService>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(hosted.Select(service => service.GetType().Name), Is.EqualTo(new[] { "DurableStoreInitializer" }));
            Assert.That(hosted, Has.None.InstanceOf<BackgroundService>());
        });
    }

    [Test]
    public async Task On_MySql_the_init_phase_sets_up_nothing_the_first_use_of_the_database_checks_its_schema()
    {
        await using var services = Compose(new()
        {
            ["Storage:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = "Server=127.0.0.1;Port=9;Database=none;User ID=none",
        });

        var hosted = services.GetServices<IHostedService>().Select(service => service.GetType().Name);

        Assert.That(hosted, Is.Empty);
        Assert.That(services.GetRequiredService<MySqlSchema>().IsCurrent, Is.False);
    }

    [Test]
    public async Task The_queue_handler_routes_every_queue_of_Cores_list_to_its_consumer_and_the_wakeups_to_a_drain()
    {
        await using var services = Compose([]);
        var routing = services.GetRequiredService<QueueRouting>();

        Assert.Multiple(() =>
        {
            Assert.That(routing.QueueNames, Is.EquivalentTo(QueueConsumers.All.Select(binding => binding.Queue).Append(QueueNames.DurableWakeups)));
            foreach (var binding in QueueConsumers.All)
            {
                Assert.That(routing.Find(binding.Queue), Is.TypeOf(binding.ConsumerType), binding.Queue);
            }

            Assert.That(routing.Find(QueueNames.DurableWakeups), Is.TypeOf<DurableWakeupConsumer>());
        });
    }
}
