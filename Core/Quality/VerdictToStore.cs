namespace Portable.Core.Quality;

/// <summary>
/// The input of the store-verdict activity. The acquisition time is stored with the verdict, so the notification can be
/// rebuilt without the workflow's input; it is null only in activities scheduled before it was added.
/// </summary>
public sealed record VerdictToStore(string InstrumentId, string InstanceId, QualityVerdict Verdict, DateTimeOffset? AcquiredAt = null);
