namespace Portable.Core.Quality;

/// <summary>
/// What <c>GET /api/samples/{id}</c> shows: the verdict once stored, the notification and the instance id; the
/// instrument once the verdict is stored (null while checking).
/// </summary>
public sealed record SampleView(
    string SampleId,
    string InstanceId,
    string Status,
    bool? Passed,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset? CheckedAt,
    NotificationStatus? NotificationStatus,
    int NotificationAttempts,
    string? NotificationError,
    string? InstrumentId = null)
{
    public static SampleView Of(QualityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.SampleId, record.InstanceId, record.Passed ? "Passed" : "Failed", record.Passed, record.Findings, record.CheckedAt,
            record.NotificationStatus, record.NotificationAttempts, record.NotificationError, record.InstrumentId);
    }

    public static SampleView InProgress(string sampleId, string instanceId) =>
        new(sampleId, instanceId, "Checking", null, [], null, null, 0, null);
}
