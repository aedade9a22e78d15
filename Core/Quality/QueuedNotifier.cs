using System.Text.Json;
using Portable.Core.Messaging;

namespace Portable.Core.Quality;

/// <summary>
/// Hands the notification to the <c>qc-notifications</c> queue (seed 003's decoupled notifier): the workflow goes on at
/// once, and <see cref="NotificationQueueConsumer"/> delivers it with the queue's retries and dead-letter queue.
/// The idempotency key de-duplicates a repeated hand-over.
/// </summary>
public sealed class QueuedNotifier(IQueueProvider queues) : IQualityNotifier
{
    public async Task<NotificationStatus> NotifyAsync(FailureNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = JsonSerializer.Serialize(notification, QualityJsonContext.Default.FailureNotification);
        await queues.GetQueue(QueueNames.QualityNotifications)
            .SendAsync([new QueueMessage(body, DeduplicationId: notification.IdempotencyKey)], cancellationToken);
        return NotificationStatus.Pending;
    }
}
