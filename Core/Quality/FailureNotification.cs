namespace Portable.Core.Quality;

/// <summary>What lab staff are told about a failed sample. The idempotency key is the same for every retry of one notification.</summary>
public sealed record FailureNotification(
    string SampleId,
    string InstrumentId,
    DateTimeOffset AcquiredAt,
    IReadOnlyList<Finding> Findings,
    string IdempotencyKey);
