namespace Portable.Core.Quality;

/// <summary>The bounded reads behind the dashboard's quality charts.</summary>
public interface IQualityReadings
{
    /// <summary>Failed samples checked at or after <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<QualityRecord>> FailuresSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>How many failed samples' notifications were given up (undelivered), of all time.</summary>
    Task<int> CountUndeliveredAsync(CancellationToken cancellationToken);
}
