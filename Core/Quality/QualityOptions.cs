using System.Globalization;
using Portable.Core.Settings;

namespace Portable.Core.Quality;

/// <summary>Every threshold the rules use; the defaults suit a UV-Vis instrument reading 190-1100 nm.</summary>
/// <remarks>
/// Bound from <see cref="SectionName"/>, where an unknown key is an error (a misspelt key would otherwise leave its
/// default threshold in force without anyone noticing), and checked at start by <see cref="Problems"/>. Options built in
/// code are trusted, and odd values there only make rules stricter or looser, never crash them.
/// </remarks>
public sealed record QualityOptions : IValidatedOptions
{
    public const string SectionName = "Quality:Rules";

    public int MinPoints { get; set; } = 10;

    public double MinWavelengthNm { get; set; } = 190;

    public double MaxWavelengthNm { get; set; } = 1100;

    /// <summary>Above this no real sample transmits enough light to be measured.</summary>
    public double MaxAbsorbance { get; set; } = 4.0;

    public double SaturationAbsorbance { get; set; } = 3.0;

    public int SaturationMinPoints { get; set; } = 3;

    public double NegativeTolerance { get; set; } = 0.01;

    /// <summary>Largest allowed noise, as the standard deviation of white noise in absorbance units.</summary>
    public double NoiseMaxRms { get; set; } = 0.02;

    public double BaselineRegionStartNm { get; set; } = 700;

    public double BaselineRegionEndNm { get; set; } = 800;

    public int BaselineWindowPoints { get; set; } = 5;

    public double BaselineMaxDrift { get; set; } = 0.05;

    /// <summary>A ratio whose denominator is smaller than this is dominated by noise and is not computed.</summary>
    public double RatioMinDenominator { get; set; } = 0.001;

    public List<RatioCheck> Ratios { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        var problems = new List<string>();
        AtLeast(problems, nameof(MinPoints), MinPoints, 1);
        AtLeast(problems, nameof(SaturationMinPoints), SaturationMinPoints, 1);
        AtLeast(problems, nameof(BaselineWindowPoints), BaselineWindowPoints, 1);
        foreach (var (name, value) in new[]
                 {
                     (nameof(MinWavelengthNm), MinWavelengthNm), (nameof(MaxWavelengthNm), MaxWavelengthNm), (nameof(NegativeTolerance), NegativeTolerance),
                     (nameof(NoiseMaxRms), NoiseMaxRms), (nameof(BaselineRegionStartNm), BaselineRegionStartNm), (nameof(BaselineRegionEndNm), BaselineRegionEndNm),
                     (nameof(BaselineMaxDrift), BaselineMaxDrift), (nameof(RatioMinDenominator), RatioMinDenominator),
                 })
        {
            NonNegative(problems, name, value);
        }

        Finite(problems, nameof(MaxAbsorbance), MaxAbsorbance);
        Finite(problems, nameof(SaturationAbsorbance), SaturationAbsorbance);
        Ordered(problems, nameof(MinWavelengthNm), MinWavelengthNm, nameof(MaxWavelengthNm), MaxWavelengthNm);
        Ordered(problems, nameof(BaselineRegionStartNm), BaselineRegionStartNm, nameof(BaselineRegionEndNm), BaselineRegionEndNm);
        for (var index = 0; index < Ratios.Count; index++)
        {
            var check = Ratios[index];
            var prefix = $"{nameof(Ratios)}:{index}:";
            if (string.IsNullOrWhiteSpace(check.Name))
            {
                problems.Add(Key(prefix + nameof(RatioCheck.Name)) + " is required: a ratio check needs a name.");
            }

            NonNegative(problems, prefix + nameof(RatioCheck.NumeratorNm), check.NumeratorNm);
            NonNegative(problems, prefix + nameof(RatioCheck.DenominatorNm), check.DenominatorNm);
            Finite(problems, prefix + nameof(RatioCheck.Min), check.Min);
            Finite(problems, prefix + nameof(RatioCheck.Max), check.Max);
            Ordered(problems, prefix + nameof(RatioCheck.Min), check.Min, nameof(RatioCheck.Max), check.Max);
        }

        return problems;
    }

    private static string Key(string name) => $"{SectionName}:{name}";

    private static void AtLeast(List<string> problems, string name, int value, int min)
    {
        if (value < min)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Key(name)} is {value}, below the minimum {min}."));
        }
    }

    private static void Finite(List<string> problems, string name, double value)
    {
        if (!double.IsFinite(value))
        {
            problems.Add($"{Key(name)} is required, a finite number (with '.' as the decimal separator).");
        }
    }

    private static void NonNegative(List<string> problems, string name, double value)
    {
        if (!double.IsFinite(value))
        {
            Finite(problems, name, value);
        }
        else if (value < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Key(name)} is {value}, below the minimum 0."));
        }
    }

    // Only finite bounds are compared: a missing one is reported on its own.
    private static void Ordered(List<string> problems, string lowName, double low, string highName, double high)
    {
        if (double.IsFinite(low) && double.IsFinite(high) && low >= high)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Key(lowName)} ({low}) must be below {highName} ({high})."));
        }
    }
}
