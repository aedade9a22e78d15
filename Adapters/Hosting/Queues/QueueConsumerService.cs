using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Hosting.Queues;

/// <summary>Runs a <see cref="QueuePump"/> over one queue for as long as the host runs (the "on arrival" consumers of long-running hosts).</summary>
public sealed class QueueConsumerService(
    string queueName,
    Func<IServiceProvider, Func<ReceivedMessage, CancellationToken, Task>> handler,
    QueuePumpOptions options,
    IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pump = new QueuePump(
            services.GetRequiredService<IQueueProvider>().GetQueue(queueName),
            handler(services),
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<QueuePump>>());
        return pump.RunAsync(stoppingToken);
    }
}
