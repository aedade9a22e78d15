using Portable.Core.Workflows;

namespace Portable.Core.Quality;

public sealed class CheckSampleActivity(SpectrumChecker checker) : Activity<SpectrumSample, QualityVerdict>
{
    public const string Name = "CheckSample";

    public override Task<QualityVerdict> RunAsync(ActivityContext context, SpectrumSample input, CancellationToken cancellationToken) =>
        Task.FromResult(checker.Check(input));
}
