namespace Portable.Core.Quality;

/// <summary>The input of the record-notification activity, and the workflow's output.</summary>
public sealed record NotificationOutcome(string SampleId, NotificationStatus Status, int Attempts, string? Error);
