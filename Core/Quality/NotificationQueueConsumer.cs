using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Telemetry;

namespace Portable.Core.Quality;

/// <summary>
/// Delivers notifications from the <c>qc-notifications</c> queue through the direct notifier (the webhook). A failed
/// delivery throws, so the queue retries it; on its last receive, before the dead-letter queue takes it, the sample
/// is recorded Undelivered and an error names it: nothing fails silently.
/// </summary>
public sealed class NotificationQueueConsumer(
    WebhookNotifier direct, IQualityStore store, IQueueProvider queues, TimeProvider time, ILogger<NotificationQueueConsumer> logger) : IQueueConsumer
{
    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notification = JsonSerializer.Deserialize(message.Body, QualityJsonContext.Default.FailureNotification)
            ?? throw new JsonException($"Notification message {message.MessageId} is empty.");
        using var scope = WorkScope.Sample(logger, notification.SampleId);
        try
        {
            var status = await direct.NotifyAsync(notification, cancellationToken);
            await store.SetNotificationAsync(notification.SampleId, status, message.ReceiveCount, null, time.GetUtcNow(), cancellationToken);
            QualityLog.Notified(logger, notification.SampleId);
        }
        catch (NotificationFailedException exception)
        {
            var last = queues.GetQueue(QueueNames.QualityNotifications).MaxReceiveCount is { } max && message.ReceiveCount >= max;
            await store.SetNotificationAsync(
                notification.SampleId, last ? NotificationStatus.Undelivered : NotificationStatus.Pending, message.ReceiveCount, exception.Message, time.GetUtcNow(), cancellationToken);
            if (last)
            {
                QualityLog.Undelivered(logger, notification.SampleId, message.ReceiveCount, exception.Message);
            }
            else
            {
                QualityLog.NotificationAttemptFailed(logger, notification.SampleId, message.ReceiveCount, exception.Message);
            }

            throw;
        }
    }
}
