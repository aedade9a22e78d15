using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>
/// One attempt at the notification, recorded either way (delivered, or handed to the notifications queue); failures are
/// logged with the sample id and retried by the workflow.
/// </summary>
public sealed class NotifyLabStaffActivity(IQualityNotifier notifier, IQualityStore store, TimeProvider time, ILogger<NotifyLabStaffActivity> logger)
    : Activity<FailureNotification, NotificationOutcome>
{
    public const string Name = "NotifyLabStaff";

    public override async Task<NotificationOutcome> RunAsync(ActivityContext context, FailureNotification input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var scope = WorkScope.Sample(logger, input.SampleId);
        try
        {
            // The attempt is recorded before the notification leaves: handed to the notifications queue, it may be
            // delivered, and Delivered recorded by the queue's consumer, before this activity runs its next line, and
            // recording the hand-over after that would put the sample back to Pending for good.
            await store.SetNotificationAsync(input.SampleId, NotificationStatus.Pending, context.Attempt, null, time.GetUtcNow(), cancellationToken);
            var status = await notifier.NotifyAsync(input, cancellationToken);
            if (status != NotificationStatus.Pending)
            {
                await store.SetNotificationAsync(input.SampleId, status, context.Attempt, null, time.GetUtcNow(), cancellationToken);
            }

            return new NotificationOutcome(input.SampleId, status, context.Attempt, null);
        }
        catch (NotificationFailedException exception)
        {
            QualityLog.NotificationAttemptFailed(logger, input.SampleId, context.Attempt, exception.Message);
            await store.SetNotificationAsync(input.SampleId, NotificationStatus.Pending, context.Attempt, exception.Message, time.GetUtcNow(), cancellationToken);
            throw;
        }
    }
}
