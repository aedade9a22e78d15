namespace Portable.Core.Quality;

/// <summary>
/// A checked sample as stored: its verdict, when it was acquired (null for samples stored before that was kept), the
/// notification's fate and the workflow that handled it.
/// </summary>
public sealed record QualityRecord(
    string SampleId,
    string InstrumentId,
    string InstanceId,
    bool Passed,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset CheckedAt,
    DateTimeOffset? AcquiredAt,
    NotificationStatus NotificationStatus,
    int NotificationAttempts = 0,
    string? NotificationError = null,
    DateTimeOffset? NotificationUpdatedAt = null);
