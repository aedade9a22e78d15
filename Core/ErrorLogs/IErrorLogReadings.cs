namespace Portable.Core.ErrorLogs;

/// <summary>
/// The bounded reads behind the dashboard's error-log charts: each reads one time window (reported time, in unix
/// seconds) through the time index and answers at most a fixed number of rows.
/// </summary>
public interface IErrorLogReadings
{
    /// <summary>How many logs each minute from <paramref name="sinceUnixSeconds"/> on, oldest minute first (minutes without logs are absent).</summary>
    Task<IReadOnlyList<MinuteCount>> PerMinuteAsync(long sinceUnixSeconds, CancellationToken cancellationToken);

    /// <summary>The devices with the most logs since <paramref name="sinceUnixSeconds"/>, most first.</summary>
    Task<IReadOnlyList<DeviceCount>> TopDevicesAsync(long sinceUnixSeconds, int limit, CancellationToken cancellationToken);
}
