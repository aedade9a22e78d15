using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Messaging;
using Portable.Core.Quality;

namespace Portable.Adapters.Aws.Queues;

/// <summary>Lab-staff notifications handed to the queue by the quality workflow (<c>Quality:Notifier:Delivery=Queue</c>).</summary>
public sealed class QualityNotificationConsumer : IQueueConsumer
{
    public string QueueName => QueueNames.QualityNotifications;

    public Task HandleAsync(ReceivedMessage message, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<NotificationQueueHandler>().HandleAsync(message, cancellationToken);
}
