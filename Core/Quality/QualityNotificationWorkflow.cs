using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>
/// An operator's retry of a notification that was not delivered (seed 003: it must not stay lost). It marks the
/// notification pending again, then delivers it as the sample's own workflow does, under the same idempotency key,
/// so a receiver that did get an earlier attempt can drop the repeat.
/// </summary>
public sealed class QualityNotificationWorkflow : Workflow<NotificationRetryInput, NotificationOutcome>
{
    public const string Name = "QualityNotification";

    public static WorkflowReference<NotificationRetryInput, NotificationOutcome> Reference { get; } = new(Name);

    public static string InstanceIdFor(string sampleId) => QualityWorkflow.InstanceIdFor(sampleId) + "-notify";

    public override async Task<NotificationOutcome> RunAsync(WorkflowContext context, NotificationRetryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger<QualityNotificationWorkflow>();
        var sampleId = input.Notification.SampleId;
        using var scope = WorkScope.Sample(log, sampleId);
        await context.CallActivityAsync(QualityActivities.RecordNotification, new NotificationOutcome(sampleId, NotificationStatus.Pending, 0, null));
        context.SetCustomStatus(NotificationStatus.Pending);
        return await NotificationSteps.DeliverAsync(context, log, input.Notification, input.MaxAttempts, input.FirstRetryInterval);
    }
}
