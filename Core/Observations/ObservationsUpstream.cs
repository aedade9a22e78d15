using Portable.Core.Validation;

namespace Portable.Core.Observations;

/// <summary>
/// The statistics API as the observations route uses it: the <see cref="ObservationsService"/> when <c>Observations:*</c>
/// is configured, else the settings it lacks, so that a host without them still builds its route table and serves
/// everything else, and this route answers 503 naming them.
/// </summary>
public sealed class ObservationsUpstream
{
    private readonly ObservationsService? _service;
    private readonly IReadOnlyList<string> _missingKeys;

    private ObservationsUpstream(ObservationsService? service, IReadOnlyList<string> missingKeys)
    {
        _service = service;
        _missingKeys = missingKeys;
    }

    public static ObservationsUpstream Configured(ObservationsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new(service, []);
    }

    public static ObservationsUpstream NotConfigured(IReadOnlyList<string> missingKeys)
    {
        ArgumentNullException.ThrowIfNull(missingKeys);
        return new(null, missingKeys);
    }

    /// <inheritdoc cref="ObservationsService.GetAsync"/>
    /// <exception cref="NotConfiguredException">The statistics API's settings are missing.</exception>
    public Task<ObservationsResult> GetAsync(string? startPeriod, CancellationToken cancellationToken) =>
        _service?.GetAsync(startPeriod, cancellationToken) ?? throw new NotConfiguredException("The statistics API", _missingKeys);
}
