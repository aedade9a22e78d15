namespace Portable.Core.Quality;

/// <summary>A purity ratio such as A260/A280 that must lie in [<paramref name="Min"/>, <paramref name="Max"/>].</summary>
public sealed record RatioCheck(string Name, double NumeratorNm, double DenominatorNm, double Min, double Max);
