namespace Portable.Core.Quality;

/// <summary>
/// A page of failed samples, newest check first: of one instrument or of all, starting after <see cref="After"/>
/// (the last row of the page before), at most <see cref="Limit"/> rows.
/// </summary>
public sealed record FailureQuery(int Limit)
{
    /// <summary>Only this instrument's samples, compared exactly; null for every instrument.</summary>
    public string? InstrumentId { get; init; }

    public FailureCursor? After { get; init; }
}
