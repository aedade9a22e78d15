namespace Portable.Core.Quality;

/// <summary>The input of the store-verdict activity.</summary>
public sealed record VerdictToStore(string InstrumentId, string InstanceId, QualityVerdict Verdict);
