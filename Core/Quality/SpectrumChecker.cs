namespace Portable.Core.Quality;

/// <summary>Runs every quality rule over a sample and turns the findings into a verdict.</summary>
public sealed class SpectrumChecker
{
    private static readonly ShapeRule Shape = new();

    // These pair readings with wavelengths by index and rely on wavelength order, so they need a sound shape.
    private static readonly ISpectrumRule[] AlignedRules =
    [
        new RangeRule(),
        new NanRule(),
        new SaturationRule(),
        new NegativeAbsorbanceRule(),
        new NoiseRule(),
        new BaselineDriftRule(),
        new RatioRule(),
    ];

    private readonly QualityOptions _options;
    private readonly TimeProvider _timeProvider;

    public SpectrumChecker(QualityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The names of all rules, in the order they run.</summary>
    public static IReadOnlyList<string> RuleNames { get; } = [Shape.Name, .. AlignedRules.Select(rule => rule.Name)];

    public QualityVerdict Check(SpectrumSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var findings = Shape.Check(sample, _options).ToList();
        if (ShapeRule.IsAligned(sample))
        {
            foreach (var rule in AlignedRules)
            {
                findings.AddRange(rule.Check(sample, _options));
            }
        }
        else
        {
            // Says so, so that staff reading the notification do not take the shape error for the only fault.
            findings.Add(new Finding(Shape.Name, Severity.Warning, "The other checks were skipped because readings cannot be paired with ordered wavelengths.", null));
        }

        var passed = !findings.Exists(finding => finding.Severity == Severity.Error);
        return new QualityVerdict(sample.SampleId, passed, findings, _timeProvider.GetUtcNow());
    }
}
