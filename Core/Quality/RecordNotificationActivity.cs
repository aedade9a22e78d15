using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>Records where a notification stands; an undelivered one also counts towards the alarm metric.</summary>
public sealed class RecordNotificationActivity(IQualityStore store, TimeProvider time) : Activity<NotificationOutcome, bool>
{
    public const string Name = "RecordNotification";

    public override async Task<bool> RunAsync(ActivityContext context, NotificationOutcome input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.SetNotificationAsync(input.SampleId, input.Status, input.Attempts, input.Error, time.GetUtcNow(), cancellationToken);
        if (input.Status == NotificationStatus.Undelivered)
        {
            PortableMetrics.NotificationUndelivered();
        }

        return true;
    }
}
