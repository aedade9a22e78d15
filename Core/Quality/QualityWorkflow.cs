using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>
/// One sample's quality control (seed 003): check, store the verdict, and for a failed sample notify lab
/// staff with retries. A notification that still fails is recorded as undelivered and logged as an error
/// with the sample id: nothing fails silently.
/// </summary>
public sealed class QualityWorkflow : Workflow<QualityWorkflowInput, NotificationOutcome>
{
    public const string Name = "QualityControl";

    public static string InstanceIdFor(string sampleId) => "qc-" + sampleId;

    public override async Task<NotificationOutcome> RunAsync(WorkflowContext context, QualityWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var sample = input.Sample;
        var log = context.CreateReplaySafeLogger<QualityWorkflow>();

        var verdict = await context.CallActivityAsync<QualityVerdict>(QualityActivities.Check, sample);
        await context.CallActivityAsync(QualityActivities.StoreVerdict, new VerdictToStore(sample.InstrumentId, context.InstanceId, verdict));
        if (verdict.Passed)
        {
            QualityLog.Passed(log, sample.SampleId);
            return new NotificationOutcome(sample.SampleId, NotificationStatus.NotRequired, 0, null);
        }

        context.SetCustomStatus(NotificationStatus.Pending);
        var notification = new FailureNotification(sample.SampleId, sample.InstrumentId, sample.AcquiredAt, verdict.Findings, $"{context.InstanceId}:notify");
        var retry = new RetryPolicy(input.NotifyMaxAttempts, input.NotifyFirstRetryInterval) { BackoffCoefficient = 2 };
        try
        {
            // The activity records the delivery itself, with the attempt that made it.
            var attempt = await context.CallActivityAsync<int>(QualityActivities.Notify, notification, new TaskOptions(retry));
            QualityLog.Notified(log, sample.SampleId);
            context.SetCustomStatus(NotificationStatus.Delivered);
            return new NotificationOutcome(sample.SampleId, NotificationStatus.Delivered, attempt, null);
        }
        catch (TaskFailedException exception)
        {
            var outcome = new NotificationOutcome(sample.SampleId, NotificationStatus.Undelivered, input.NotifyMaxAttempts, exception.FailureDetails.ErrorMessage);
            await context.CallActivityAsync(QualityActivities.RecordNotification, outcome);
            QualityLog.Undelivered(log, sample.SampleId, input.NotifyMaxAttempts, exception.FailureDetails.ErrorMessage);
            context.SetCustomStatus(NotificationStatus.Undelivered);
            return outcome;
        }
    }
}
