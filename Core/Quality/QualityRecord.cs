namespace Portable.Core.Quality;

/// <summary>A checked sample as stored: its verdict, the notification's fate and the workflow that handled it.</summary>
public sealed record QualityRecord(
    string SampleId,
    string InstrumentId,
    string InstanceId,
    bool Passed,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset CheckedAt,
    NotificationStatus NotificationStatus,
    int NotificationAttempts = 0,
    string? NotificationError = null,
    DateTimeOffset? NotificationUpdatedAt = null);
