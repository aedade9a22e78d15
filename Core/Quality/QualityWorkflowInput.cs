namespace Portable.Core.Quality;

/// <summary>The quality workflow's input; the retry settings are fixed at start so replays see the same policy.</summary>
public sealed record QualityWorkflowInput(SpectrumSample Sample, int NotifyMaxAttempts, TimeSpan NotifyFirstRetryInterval);
