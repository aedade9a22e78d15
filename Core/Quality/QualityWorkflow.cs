using Portable.Core.Telemetry;
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

    public static WorkflowReference<QualityWorkflowInput, NotificationOutcome> Reference { get; } = new(Name);

    public static string InstanceIdFor(string sampleId) => "qc-" + sampleId;

    public override async Task<NotificationOutcome> RunAsync(WorkflowContext context, QualityWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var sample = input.Sample;
        var log = context.CreateReplaySafeLogger<QualityWorkflow>();

        // Every line of the workflow carries the sample id in its scopes, as the README's log filter expects.
        using var scope = WorkScope.Sample(log, sample.SampleId);

        var verdict = await context.CallActivityAsync(QualityActivities.Check, sample);
        await context.CallActivityAsync(QualityActivities.StoreVerdict, new VerdictToStore(sample.InstrumentId, context.InstanceId, verdict, sample.AcquiredAt));
        if (verdict.Passed)
        {
            QualityLog.Passed(log, sample.SampleId);
            return new NotificationOutcome(sample.SampleId, NotificationStatus.NotRequired, 0, null);
        }

        context.SetCustomStatus(NotificationStatus.Pending);
        var notification = new FailureNotification(sample.SampleId, sample.InstrumentId, sample.AcquiredAt, verdict.Findings, NotificationKeyFor(context.InstanceId));
        return await NotificationSteps.DeliverAsync(context, log, notification, input.NotifyMaxAttempts, input.NotifyFirstRetryInterval);
    }

    /// <summary>The idempotency key of a sample's notification: the same for every attempt, and for an operator's retry.</summary>
    public static string NotificationKeyFor(string instanceId) => $"{instanceId}:notify";
}
