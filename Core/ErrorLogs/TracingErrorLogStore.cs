using Portable.Core.Telemetry;

namespace Portable.Core.ErrorLogs;

/// <summary>Traces every call of the error-log store, whichever database is behind it.</summary>
public sealed class TracingErrorLogStore(IErrorLogStore inner) : IErrorLogStore
{
    private const string Store = "ErrorLogStore";

    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Append", () => inner.AppendAsync(logs, cancellationToken));

    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken) =>
        StoreCalls.TraceAsync(Store, "Recent", () => inner.RecentAsync(deviceId, limit, cancellationToken));
}
