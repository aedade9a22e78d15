using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Core.Messaging;

namespace Portable.Adapters.Hosting.Queues;

public static class QueueConsumerServiceCollectionExtensions
{
    /// <summary>Consumes <paramref name="queueName"/> in the background with the handler the factory builds from the container.</summary>
    public static IServiceCollection AddQueueConsumer(
        this IServiceCollection services, string queueName, Func<IServiceProvider, Func<ReceivedMessage, CancellationToken, Task>> handler, QueuePumpOptions? options = null) =>
        services.AddSingleton<IHostedService>(provider => new QueueConsumerService(queueName, handler, options ?? new QueuePumpOptions(), provider));
}
