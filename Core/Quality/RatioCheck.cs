namespace Portable.Core.Quality;

/// <summary>
/// A purity ratio such as A260/A280 that must lie in [<see cref="Min"/>, <see cref="Max"/>] (<c>Quality:Rules:Ratios:N:*</c>).
/// A bound entry leaves an unset number NaN, which <see cref="QualityOptions.Problems"/> reports as missing.
/// </summary>
public sealed record RatioCheck
{
    public RatioCheck()
    {
    }

    public RatioCheck(string name, double numeratorNm, double denominatorNm, double min, double max)
    {
        Name = name;
        NumeratorNm = numeratorNm;
        DenominatorNm = denominatorNm;
        Min = min;
        Max = max;
    }

    public string Name { get; set; } = "";

    public double NumeratorNm { get; set; } = double.NaN;

    public double DenominatorNm { get; set; } = double.NaN;

    public double Min { get; set; } = double.NaN;

    public double Max { get; set; } = double.NaN;
}
