namespace Portable.Core.Quality;

/// <summary>The outcome of every rule for one sample; it passes when no finding is an error.</summary>
public sealed record QualityVerdict(
    string SampleId,
    bool Passed,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset CheckedAt);
