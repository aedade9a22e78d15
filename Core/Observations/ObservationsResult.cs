namespace Portable.Core.Observations;

/// <summary>
/// The observations for one query. <paramref name="StartPeriod"/> is the normalized query (null for all
/// periods); <paramref name="FromCache"/> is true when this request made no upstream call of its own.
/// </summary>
public sealed record ObservationsResult(
    string? StartPeriod,
    IReadOnlyList<Observation> Observations,
    DateTimeOffset FetchedAt,
    bool FromCache);
