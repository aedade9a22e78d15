using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>The activities of the quality workflow, by name.</summary>
public static class QualityActivities
{
    public const string Check = "CheckSample";
    public const string StoreVerdict = "StoreVerdict";
    public const string Notify = "NotifyLabStaff";
    public const string RecordNotification = "RecordNotification";

    public static WorkflowRegistry AddQualityWorkflow(this WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddWorkflow<QualityWorkflow>(QualityWorkflow.Name)
            .AddWorkflow<QualityNotificationWorkflow>(QualityNotificationWorkflow.Name)
            .AddActivity<CheckSampleActivity>(Check)
            .AddActivity<StoreVerdictActivity>(StoreVerdict)
            .AddActivity<NotifyLabStaffActivity>(Notify)
            .AddActivity<RecordNotificationActivity>(RecordNotification);
    }
}
