using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>Sends an undelivered notification again, through <see cref="QualityNotificationWorkflow"/>.</summary>
public static class NotificationRetry
{
    /// <summary>
    /// Starts the retry of <paramref name="sampleId"/>'s notification. Unknown sample: <see cref="NotFoundException"/>.
    /// A notification that is not undelivered, a retry already running, or a sample whose workflow (and so its
    /// acquisition time) was purged: <see cref="ConflictException"/>.
    /// </summary>
    public static async Task<NotificationRetryAccepted> RetryAsync(IServiceProvider services, string sampleId, Uri baseUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var record = await services.GetRequiredService<IQualityStore>().GetAsync(sampleId, cancellationToken)
            ?? throw new NotFoundException($"Sample '{sampleId}' has no stored verdict.");
        using var scope = WorkScope.Sample(services, sampleId);
        if (record.NotificationStatus != NotificationStatus.Undelivered)
        {
            throw new ConflictException($"The notification of sample {sampleId} is {record.NotificationStatus}; only an undelivered one is sent again.");
        }

        var workflows = services.GetRequiredService<IWorkflowClient>();
        var check = await workflows.GetInstanceAsync(record.InstanceId, getInputsAndOutputs: true, cancellationToken: cancellationToken);
        var input = check is null ? null : services.GetRequiredService<IDataConverter>().Deserialize<QualityWorkflowInput>(check.SerializedInput);
        if (input is null)
        {
            throw new ConflictException($"The workflow {record.InstanceId} of sample {sampleId} was purged, and with it the acquisition; submit the sample again.");
        }

        var options = services.GetRequiredService<QualityNotifierOptions>();
        var notification = new FailureNotification(sampleId, record.InstrumentId, input.Sample.AcquiredAt, record.Findings, QualityWorkflow.NotificationKeyFor(record.InstanceId));
        var instanceId = QualityNotificationWorkflow.InstanceIdFor(sampleId);
        await workflows.ScheduleNewAsync(
            QualityNotificationWorkflow.Name,
            new NotificationRetryInput(notification, options.MaxAttempts, options.FirstRetryInterval),
            new StartWorkflowOptions(instanceId),
            cancellationToken);
        return new NotificationRetryAccepted(sampleId, instanceId, WorkflowLinks.For(baseUri, instanceId));
    }
}
