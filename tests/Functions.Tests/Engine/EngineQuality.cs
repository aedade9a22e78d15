using Microsoft.DurableTask.Client;
using Portable.Core.Quality;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Samples submitted and notifications retried through Core's own services on <see cref="EngineHost"/>. The same
/// scenarios as the embedded runtime's tests (<c>tests/Durable.Tests/Quality</c>).
/// </summary>
internal sealed class EngineQuality(EngineHost host)
{
    public const int MaxAttempts = 3;

    public static readonly DateTimeOffset AcquiredAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Three attempts, short waits between them.</summary>
    public static Dictionary<string, string?> Settings { get; } = new()
    {
        ["Quality:Notifier:MaxAttempts"] = "3",
        ["Quality:Notifier:FirstRetryInterval"] = "00:00:00.020",
    };

    /// <summary>A smooth peak at 260 nm on a flat baseline: passes every check.</summary>
    public static SpectrumSample Clean(string sampleId) => Spectrum(sampleId, nm => 0.05 + Math.Exp(-Math.Pow(nm - 260, 2) / 800));

    /// <summary>A plateau above the saturation threshold at 300-319 nm: fails.</summary>
    public static SpectrumSample Saturated(string sampleId) => Spectrum(sampleId, nm => nm is >= 300 and < 320 ? 3.5 : 0.05);

    public async Task<string> SubmitAsync(SpectrumSample sample, CancellationToken cancellationToken) =>
        (await host.Service<SampleIntake>().SubmitAsync(sample, cancellationToken)).InstanceId;

    public Task<NotificationRetryAccepted> RetryAsync(string sampleId, CancellationToken cancellationToken) =>
        host.Service<NotificationRetry>().RetryAsync(sampleId, new Uri("http://localhost:7071"), cancellationToken);

    public Task<QualityRecord?> RecordAsync(string sampleId, CancellationToken cancellationToken) =>
        host.Service<IQualityStore>().GetAsync(sampleId, cancellationToken);

    public NotificationOutcome Outcome(OrchestrationMetadata instance) => host.Read<NotificationOutcome>(instance.SerializedOutput)!;

    public NotificationStatus? CustomStatus(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is null ? null : host.Read<NotificationStatus>(instance.SerializedCustomStatus);

    private static SpectrumSample Spectrum(string sampleId, Func<int, double> absorbanceAt)
    {
        var wavelengths = Enumerable.Range(200, 601).ToArray();
        return new SpectrumSample(
            sampleId, "UV-1", AcquiredAt, [.. wavelengths.Select(nm => (double)nm)], [.. wavelengths.Select(nm => (double?)absorbanceAt(nm))], new Dictionary<string, string>());
    }
}
