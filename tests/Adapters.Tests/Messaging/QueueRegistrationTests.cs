using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Adapters.Sqs;
using Portable.Core.Messaging;

namespace Portable.Adapters.Tests.Messaging;

public sealed class QueueRegistrationTests
{
    [Test]
    public void AddSqliteQueues_provides_the_embedded_queues_in_the_file_it_is_given()
    {
        using var target = new SqliteQueueTarget();
        using var services = new ServiceCollection()
            .AddSqliteQueues(target.DatabasePath, new SqliteQueueOptions { MaxReceiveCount = 4 })
            .BuildServiceProvider();

        var provider = services.GetRequiredService<IQueueProvider>();

        Assert.That(provider, Is.TypeOf<SqliteQueueProvider>());
        Assert.That(services.GetRequiredService<SqliteDatabase>().Path, Is.EqualTo(Path.GetFullPath(target.DatabasePath)));
        Assert.That(provider.GetQueue(QueueNames.OrderDispatch).MaxReceiveCount, Is.EqualTo(4));
        Assert.That(provider.GetDeadLetterQueue(QueueNames.OrderDispatch).Name, Is.EqualTo("order-dispatch-dlq"));
        Assert.That(provider.GetDeadLetterQueue(QueueNames.OrderDispatch).MaxReceiveCount, Is.Null);
    }

    [Test]
    public void AddSqsQueues_provides_queues_on_sqs_configured_by_the_sqs_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sqs:ServiceUrl"] = "http://127.0.0.1:9", ["Sqs:MaxReceiveCount"] = "3" })
            .Build();
        using var services = new ServiceCollection().AddSqsQueues(configuration).BuildServiceProvider();

        // Queues resolve their URLs on first use: getting one talks to nobody.
        var provider = services.GetRequiredService<IQueueProvider>();

        Assert.That(provider, Is.TypeOf<SqsQueueProvider>());
        Assert.That(provider.GetQueue(QueueNames.ErrorLogs).MaxReceiveCount, Is.EqualTo(3));
        Assert.That(provider.GetDeadLetterQueue(QueueNames.ErrorLogs).MaxReceiveCount, Is.Null);
    }
}
