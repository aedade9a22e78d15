using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Local.Queues;

public static class QueueConsumerServiceCollectionExtensions
{
    /// <summary>A pump in the background for each binding, feeding its queue to the consumer Core registered for it.</summary>
    public static IServiceCollection AddQueuePumps(
        this IServiceCollection services, IEnumerable<QueueConsumerBinding> bindings, QueuePumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        foreach (var binding in bindings)
        {
            services.AddSingleton<IHostedService>(provider => new QueueConsumerService(
                provider.GetRequiredService<IQueueProvider>().GetQueue(binding.Queue),
                provider.GetRequiredKeyedService<IQueueConsumer>(binding.Queue),
                options ?? new QueuePumpOptions(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<QueuePump>>()));
        }

        return services;
    }
}
