namespace Portable.Core.Quality;

/// <summary>The samples of one request body; <see cref="IsArray"/> tells a host to answer with a list too.</summary>
public sealed record SampleBatch(IReadOnlyList<SpectrumSample> Samples, bool IsArray);
