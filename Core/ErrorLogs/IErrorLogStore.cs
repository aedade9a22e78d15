namespace Portable.Core.ErrorLogs;

/// <summary>The error-log store port.</summary>
public interface IErrorLogStore
{
    /// <summary>Stores the batch atomically and returns the new ids in input order, once committed.</summary>
    Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken);

    /// <summary>The <paramref name="limit"/> most recent logs, overall or for one device: newest time stamp first, ties by newest id.</summary>
    Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken);
}
