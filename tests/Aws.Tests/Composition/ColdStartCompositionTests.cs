using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Hosting;
using Portable.Adapters.Aws.Queues;
using Portable.Aws.Tests.Fakes;
using Portable.Core.Messaging;

namespace Portable.Aws.Tests.Composition;

/// <summary>What the composition does to keep a cold start short changes nothing a function does.</summary>
public sealed class ColdStartCompositionTests
{
    private sealed class CountingProvider : IQueueProvider, IDisposable
    {
        public InMemoryQueueProvider Inner { get; } = new(TimeProvider.System);

        public bool Disposed { get; private set; }

        public IMessageQueue GetQueue(string name) => Inner.GetQueue(name);

        public IMessageQueue GetDeadLetterQueue(string name) => Inner.GetDeadLetterQueue(name);

        public void Dispose() => Disposed = true;
    }

    /// <summary>A category no list of closed loggers names: it takes the open generic.</summary>
    private sealed class UnlistedCategory;

    [Test]
    public async Task The_queue_provider_is_built_on_the_first_queue_used_once_and_disposed_with_the_function()
    {
        var built = new List<CountingProvider>();
        var deferred = new DeferredQueueProvider(() =>
        {
            var provider = new CountingProvider();
            built.Add(provider);
            return provider;
        });

        var beforeUse = built.Count;
        var first = deferred.GetQueue(QueueNames.ErrorLogs);
        var again = deferred.GetDeadLetterQueue(QueueNames.ErrorLogs);
        await deferred.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(beforeUse, Is.Zero, "nothing built before a queue is asked for");
            Assert.That(built, Has.Count.EqualTo(1));
            Assert.That(first, Is.SameAs(built[0].Inner.Queue(QueueNames.ErrorLogs)));
            Assert.That(again, Is.SameAs(built[0].Inner.Queue(QueueNames.ErrorLogs + "-dlq")));
            Assert.That(built[0].Disposed, Is.True);
        });
    }

    [Test]
    public async Task A_queue_provider_never_used_is_never_built_not_even_to_be_disposed()
    {
        var builds = 0;
        var deferred = new DeferredQueueProvider(() =>
        {
            builds++;
            return new CountingProvider();
        });

        await deferred.DisposeAsync();

        Assert.That(builds, Is.Zero);
    }

    [Test]
    public async Task Every_logger_closed_by_the_composition_or_not_keeps_Lambdas_log_level()
    {
        var directory = Directory.CreateTempSubdirectory("portable-lambda-logging-");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["AWS_LAMBDA_LOG_LEVEL"] = "WARN",
                ["Storage:Sqlite:Path"] = Path.Combine(directory.FullName, "app.db"),
                ["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/qc",
            };
            await using var services = LambdaHost.BuildServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Stream.Null);

            var closed = services.GetRequiredService<ILogger<ApiGatewayHandler>>();
            var open = services.GetRequiredService<ILogger<UnlistedCategory>>();

            Assert.Multiple(() =>
            {
                Assert.That(closed.IsEnabled(LogLevel.Information), Is.False);
                Assert.That(closed.IsEnabled(LogLevel.Warning), Is.True);
                Assert.That(open.IsEnabled(LogLevel.Information), Is.False);
                Assert.That(open.IsEnabled(LogLevel.Warning), Is.True);
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
