using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

public sealed class StoreVerdictActivity(IQualityStore store) : Activity<VerdictToStore, bool>
{
    public const string Name = "StoreVerdict";

    public override async Task<bool> RunAsync(ActivityContext context, VerdictToStore input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var verdict = input.Verdict;
        await store.SaveVerdictAsync(
            new QualityRecord(verdict.SampleId, input.InstrumentId, input.InstanceId, verdict.Passed, verdict.Findings, verdict.CheckedAt, input.AcquiredAt,
                verdict.Passed ? NotificationStatus.NotRequired : NotificationStatus.Pending),
            cancellationToken);
        if (!verdict.Passed)
        {
            PortableMetrics.QualityFailed(input.InstrumentId);
        }

        return true;
    }
}
