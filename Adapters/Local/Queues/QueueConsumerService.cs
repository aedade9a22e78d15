using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Local.Queues;

/// <summary>Runs a <see cref="QueuePump"/> that feeds one queue to its consumer for as long as the host runs.</summary>
public sealed class QueueConsumerService(
    IMessageQueue queue, IQueueConsumer consumer, QueuePumpOptions options, TimeProvider time, ILogger<QueuePump> logger) : BackgroundService
{
    public string QueueName => queue.Name;

    public IQueueConsumer Consumer => consumer;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new QueuePump(queue, consumer.HandleAsync, options, time, logger).RunAsync(stoppingToken);
}
