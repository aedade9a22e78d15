using Microsoft.Extensions.DependencyInjection;
using Portable.Core.ErrorLogs;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Core.Messaging;

/// <summary>
/// The one list of which queue feeds which consumer. <see cref="AddQueueConsumers"/> registers each consumer as a keyed
/// <see cref="IQueueConsumer"/> under its queue's name; a host then binds every entry: the embedded host with a pump
/// per queue, Lambda through its SQS event sources, Azure Functions with a queue trigger per queue.
/// </summary>
public static class QueueConsumers
{
    public static IReadOnlyList<QueueConsumerBinding> All { get; } =
    [
        QueueConsumerBinding.Of<OrderDispatcher>(QueueNames.OrderDispatch),
        QueueConsumerBinding.Of<SampleQueueConsumer>(QueueNames.QualitySamples),
        QueueConsumerBinding.Of<NotificationQueueConsumer>(QueueNames.QualityNotifications),
        QueueConsumerBinding.Of<ErrorLogQueueConsumer>(QueueNames.ErrorLogs),
    ];

    public static IServiceCollection AddQueueConsumers(this IServiceCollection services)
    {
        foreach (var binding in All)
        {
            binding.AddConsumer(services);
            services.AddKeyedSingleton<IQueueConsumer>(binding.Queue, (provider, _) => binding.Create(provider));
        }

        return services;
    }
}
