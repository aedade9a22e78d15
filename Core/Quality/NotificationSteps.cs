using Microsoft.Extensions.Logging;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>
/// Delivering a failed sample's notification, as orchestrator code: the notify activity with retries, and when
/// every attempt failed, the failure recorded and logged as an error with the sample id. Shared by the sample's
/// own workflow and the operator's retry, so both treat an undelivered notification alike.
/// </summary>
internal static class NotificationSteps
{
    public static async Task<NotificationOutcome> DeliverAsync(
        WorkflowContext context, ILogger log, FailureNotification notification, int maxAttempts, TimeSpan firstRetryInterval)
    {
        var retry = new RetryPolicy(maxAttempts, firstRetryInterval) { BackoffCoefficient = 2 };
        try
        {
            // The activity records the delivery itself (or its hand-over to the notifications queue), with the attempt.
            var outcome = await context.CallActivityAsync(QualityActivities.Notify, notification, new TaskOptions(retry));
            if (outcome.Status == NotificationStatus.Delivered)
            {
                QualityLog.Notified(log, notification.SampleId);
            }
            else
            {
                QualityLog.Queued(log, notification.SampleId);
            }

            context.SetCustomStatus(outcome.Status);
            return outcome;
        }
        catch (TaskFailedException exception)
        {
            var outcome = new NotificationOutcome(notification.SampleId, NotificationStatus.Undelivered, maxAttempts, exception.FailureDetails.ErrorMessage);
            await context.CallActivityAsync(QualityActivities.RecordNotification, outcome);
            QualityLog.Undelivered(log, notification.SampleId, maxAttempts, exception.FailureDetails.ErrorMessage);
            context.SetCustomStatus(NotificationStatus.Undelivered);
            return outcome;
        }
    }
}
