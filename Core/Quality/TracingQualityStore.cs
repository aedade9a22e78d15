using Portable.Core.Telemetry;

namespace Portable.Core.Quality;

/// <summary>Traces every call of the quality store, whichever database is behind it.</summary>
public sealed class TracingQualityStore(IQualityStore inner) : IQualityStore
{
    private const string Store = "QualityStore";

    public Task SaveVerdictAsync(QualityRecord record, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "SaveVerdict", () => inner.SaveVerdictAsync(record, cancellationToken));

    public Task SetNotificationAsync(string sampleId, NotificationStatus status, int attempts, string? error, DateTimeOffset at, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "SetNotification", () => inner.SetNotificationAsync(sampleId, status, attempts, error, at, cancellationToken));

    public Task<QualityRecord?> GetAsync(string sampleId, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Get", () => inner.GetAsync(sampleId, cancellationToken));

    public Task<IReadOnlyList<QualityRecord>> ListFailuresAsync(FailureQuery query, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "ListFailures", () => inner.ListFailuresAsync(query, cancellationToken));
}
