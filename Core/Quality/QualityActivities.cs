using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>The activities of the quality workflows, typed: the workflows call them and the registry registers them through these.</summary>
public static class QualityActivities
{
    public static ActivityReference<SpectrumSample, QualityVerdict> Check { get; } = new(CheckSampleActivity.Name);

    public static ActivityReference<VerdictToStore, bool> StoreVerdict { get; } = new(StoreVerdictActivity.Name);

    public static ActivityReference<FailureNotification, NotificationOutcome> Notify { get; } = new(NotifyLabStaffActivity.Name);

    public static ActivityReference<NotificationOutcome, bool> RecordNotification { get; } = new(RecordNotificationActivity.Name);

    public static WorkflowRegistry AddQualityWorkflow(this WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddWorkflow<QualityWorkflow, QualityWorkflowInput, NotificationOutcome>(QualityWorkflow.Reference)
            .AddWorkflow<QualityNotificationWorkflow, NotificationRetryInput, NotificationOutcome>(QualityNotificationWorkflow.Reference)
            .AddActivity<CheckSampleActivity, SpectrumSample, QualityVerdict>(Check)
            .AddActivity<StoreVerdictActivity, VerdictToStore, bool>(StoreVerdict)
            .AddActivity<NotifyLabStaffActivity, FailureNotification, NotificationOutcome>(Notify)
            .AddActivity<RecordNotificationActivity, NotificationOutcome, bool>(RecordNotification);
    }
}
