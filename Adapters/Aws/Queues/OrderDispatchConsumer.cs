using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Adapters.Aws.Queues;

/// <summary>Placed orders on arrival (seed 002): the dispatcher tells each order's workflow it is on its way.</summary>
public sealed class OrderDispatchConsumer : IQueueConsumer
{
    public string QueueName => QueueNames.OrderDispatch;

    public Task HandleAsync(ReceivedMessage message, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<OrderDispatcher>().HandleAsync(message, cancellationToken);
}
