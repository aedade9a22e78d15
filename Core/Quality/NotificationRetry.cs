using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>Sends an undelivered notification again, through <see cref="QualityNotificationWorkflow"/>, from the stored record alone.</summary>
public sealed class NotificationRetry(IQualityStore store, IWorkflowClient workflows, QualityNotifierOptions options, ILogger<NotificationRetry> logger)
{
    /// <summary>
    /// Starts the retry of <paramref name="sampleId"/>'s notification. Unknown sample: <see cref="NotFoundException"/>.
    /// A notification that is not undelivered, a retry already running, or a record stored before acquisition times
    /// were kept (so the notification cannot be rebuilt): <see cref="ConflictException"/>.
    /// </summary>
    public async Task<NotificationRetryAccepted> RetryAsync(string sampleId, Uri baseUri, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(sampleId, cancellationToken)
            ?? throw new NotFoundException($"Sample '{sampleId}' has no stored verdict.");
        using var scope = WorkScope.Sample(logger, sampleId);
        if (record.NotificationStatus != NotificationStatus.Undelivered)
        {
            throw new ConflictException($"The notification of sample {sampleId} is {record.NotificationStatus}; only an undelivered one is sent again.");
        }

        var acquiredAt = record.AcquiredAt
            ?? throw new ConflictException($"The verdict of sample {sampleId} was stored before acquisition times were kept, so its notification cannot be rebuilt; submit the sample again.");
        var notification = new FailureNotification(sampleId, record.InstrumentId, acquiredAt, record.Findings, QualityWorkflow.NotificationKeyFor(record.InstanceId));
        var instanceId = QualityNotificationWorkflow.InstanceIdFor(sampleId);
        await workflows.ScheduleNewAsync(
            QualityNotificationWorkflow.Reference,
            new NotificationRetryInput(notification, options.MaxAttempts, options.FirstRetryInterval),
            new StartWorkflowOptions(instanceId),
            cancellationToken);
        return new NotificationRetryAccepted(sampleId, instanceId, WorkflowLinks.For(baseUri, instanceId));
    }
}
