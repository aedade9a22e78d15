namespace Portable.Core.Quality;

/// <summary>One quality check; <see cref="Name"/> is the kebab-case rule name its findings carry.</summary>
public interface ISpectrumRule
{
    string Name { get; }

    IEnumerable<Finding> Check(SpectrumSample sample, QualityOptions options);
}
