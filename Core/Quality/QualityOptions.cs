using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.Quality;

/// <summary>Every threshold the rules use; the defaults suit a UV-Vis instrument reading 190-1100 nm.</summary>
/// <remarks>
/// <see cref="FromConfiguration"/> validates what it reads; options built in code are trusted,
/// and odd values there only make rules stricter or looser, never crash them.
/// </remarks>
public sealed record QualityOptions
{
    /// <summary>The configuration section the hosts pass to <see cref="FromConfiguration"/>.</summary>
    public const string SectionName = "Quality:Rules";

    private static readonly string[] OptionKeys =
    [
        nameof(MinPoints), nameof(MinWavelengthNm), nameof(MaxWavelengthNm), nameof(MaxAbsorbance),
        nameof(SaturationAbsorbance), nameof(SaturationMinPoints), nameof(NegativeTolerance), nameof(NoiseMaxRms),
        nameof(BaselineRegionStartNm), nameof(BaselineRegionEndNm), nameof(BaselineWindowPoints),
        nameof(BaselineMaxDrift), nameof(RatioMinDenominator), nameof(Ratios),
    ];

    private static readonly string[] RatioKeys =
        [nameof(RatioCheck.Name), nameof(RatioCheck.NumeratorNm), nameof(RatioCheck.DenominatorNm), nameof(RatioCheck.Min), nameof(RatioCheck.Max)];

    public int MinPoints { get; init; } = 10;

    public double MinWavelengthNm { get; init; } = 190;

    public double MaxWavelengthNm { get; init; } = 1100;

    /// <summary>Above this no real sample transmits enough light to be measured.</summary>
    public double MaxAbsorbance { get; init; } = 4.0;

    public double SaturationAbsorbance { get; init; } = 3.0;

    public int SaturationMinPoints { get; init; } = 3;

    public double NegativeTolerance { get; init; } = 0.01;

    /// <summary>Largest allowed noise, as the standard deviation of white noise in absorbance units.</summary>
    public double NoiseMaxRms { get; init; } = 0.02;

    public double BaselineRegionStartNm { get; init; } = 700;

    public double BaselineRegionEndNm { get; init; } = 800;

    public int BaselineWindowPoints { get; init; } = 5;

    public double BaselineMaxDrift { get; init; } = 0.05;

    /// <summary>A ratio whose denominator is smaller than this is dominated by noise and is not computed.</summary>
    public double RatioMinDenominator { get; init; } = 0.001;

    public IReadOnlyList<RatioCheck> Ratios { get; init; } = [];

    /// <summary>Reads the options from <paramref name="section"/> (usually <see cref="SectionName"/>), keeping defaults for absent keys.</summary>
    /// <exception cref="InvalidOperationException">A value is unparsable, out of range, or its key is unknown.</exception>
    public static QualityOptions FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        RejectUnknownKeys(section, OptionKeys);

        var defaults = new QualityOptions();
        var options = new QualityOptions
        {
            MinPoints = ReadInt(section, nameof(MinPoints), defaults.MinPoints, min: 1),
            MinWavelengthNm = ReadDouble(section, nameof(MinWavelengthNm), defaults.MinWavelengthNm, min: 0),
            MaxWavelengthNm = ReadDouble(section, nameof(MaxWavelengthNm), defaults.MaxWavelengthNm, min: 0),
            MaxAbsorbance = ReadDouble(section, nameof(MaxAbsorbance), defaults.MaxAbsorbance),
            SaturationAbsorbance = ReadDouble(section, nameof(SaturationAbsorbance), defaults.SaturationAbsorbance),
            SaturationMinPoints = ReadInt(section, nameof(SaturationMinPoints), defaults.SaturationMinPoints, min: 1),
            NegativeTolerance = ReadDouble(section, nameof(NegativeTolerance), defaults.NegativeTolerance, min: 0),
            NoiseMaxRms = ReadDouble(section, nameof(NoiseMaxRms), defaults.NoiseMaxRms, min: 0),
            BaselineRegionStartNm = ReadDouble(section, nameof(BaselineRegionStartNm), defaults.BaselineRegionStartNm, min: 0),
            BaselineRegionEndNm = ReadDouble(section, nameof(BaselineRegionEndNm), defaults.BaselineRegionEndNm, min: 0),
            BaselineWindowPoints = ReadInt(section, nameof(BaselineWindowPoints), defaults.BaselineWindowPoints, min: 1),
            BaselineMaxDrift = ReadDouble(section, nameof(BaselineMaxDrift), defaults.BaselineMaxDrift, min: 0),
            RatioMinDenominator = ReadDouble(section, nameof(RatioMinDenominator), defaults.RatioMinDenominator, min: 0),
            Ratios = ReadRatios(section.GetSection(nameof(Ratios))),
        };

        RequireOrdered(section, nameof(MinWavelengthNm), options.MinWavelengthNm, nameof(MaxWavelengthNm), options.MaxWavelengthNm);
        RequireOrdered(section, nameof(BaselineRegionStartNm), options.BaselineRegionStartNm, nameof(BaselineRegionEndNm), options.BaselineRegionEndNm);
        return options;
    }

    private static List<RatioCheck> ReadRatios(IConfigurationSection ratios)
    {
        var checks = new List<RatioCheck>();
        foreach (var entry in ratios.GetChildren())
        {
            RejectUnknownKeys(entry, RatioKeys);
            var name = entry.GetSection(nameof(RatioCheck.Name));
            if (string.IsNullOrWhiteSpace(name.Value))
            {
                throw Invalid(name, "a ratio check needs a name");
            }

            var check = new RatioCheck(
                name.Value,
                RequireDouble(entry, nameof(RatioCheck.NumeratorNm), min: 0),
                RequireDouble(entry, nameof(RatioCheck.DenominatorNm), min: 0),
                RequireDouble(entry, nameof(RatioCheck.Min), min: double.NegativeInfinity),
                RequireDouble(entry, nameof(RatioCheck.Max), min: double.NegativeInfinity));
            RequireOrdered(entry, nameof(RatioCheck.Min), check.Min, nameof(RatioCheck.Max), check.Max);
            checks.Add(check);
        }

        return checks;
    }

    // A misspelt key would otherwise leave its default threshold in force without anyone noticing.
    private static void RejectUnknownKeys(IConfiguration section, string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid(child, $"unknown key; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static int ReadInt(IConfiguration section, string key, int fallback, int min)
    {
        var entry = section.GetSection(key);
        if (entry.Value is null)
        {
            return fallback;
        }

        if (!int.TryParse(entry.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(entry, $"'{entry.Value}' is not an integer");
        }

        return value >= min ? value : throw Invalid(entry, $"{value} is below the minimum {min}");
    }

    private static double ReadDouble(IConfiguration section, string key, double fallback, double min = double.NegativeInfinity)
    {
        var entry = section.GetSection(key);
        return entry.Value is null ? fallback : ParseDouble(entry, min);
    }

    private static double RequireDouble(IConfiguration section, string key, double min)
    {
        var entry = section.GetSection(key);
        return entry.Value is null ? throw Invalid(entry, "a value is required") : ParseDouble(entry, min);
    }

    private static double ParseDouble(IConfigurationSection entry, double min)
    {
        if (!double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Invalid(entry, $"'{entry.Value}' is not a finite number (use '.' as the decimal separator)");
        }

        return value >= min
            ? value
            : throw Invalid(entry, string.Create(CultureInfo.InvariantCulture, $"{value} is below the minimum {min}"));
    }

    private static void RequireOrdered(IConfiguration section, string lowKey, double low, string highKey, double high)
    {
        if (low >= high)
        {
            var entry = section.GetSection(lowKey);
            throw Invalid(entry, string.Create(CultureInfo.InvariantCulture, $"{low} must be below {highKey} ({high})"));
        }
    }

    private static InvalidOperationException Invalid(IConfigurationSection entry, string problem) =>
        new($"Configuration key '{entry.Path}' is invalid: {problem}.");
}
