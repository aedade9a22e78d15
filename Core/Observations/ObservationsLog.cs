using Microsoft.Extensions.Logging;

namespace Portable.Core.Observations;

/// <summary>Source-generated log lines of the observations feature; none carries a secret or a token.</summary>
internal static partial class ObservationsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Obtained an access token from {TokenUrl}, valid for {Lifetime}")]
    public static partial void TokenIssued(this ILogger logger, Uri tokenUrl, TimeSpan lifetime);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The statistics API rejected the access token; requesting a new one")]
    public static partial void TokenRejected(this ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Statistics API attempt {Attempt} of {MaxAttempts} for startPeriod '{StartPeriod}' failed ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(this ILogger logger, int attempt, int maxAttempts, string startPeriod, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Statistics API fetch for startPeriod '{StartPeriod}' failed after {Attempts} attempt(s): {Reason}")]
    public static partial void GaveUp(this ILogger logger, string startPeriod, int attempts, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "The statistics API returned a malformed SDMX-JSON document for startPeriod '{StartPeriod}' at {Path}")]
    public static partial void MalformedDocument(this ILogger logger, string startPeriod, string path, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Fetched {Count} observation(s) for startPeriod '{StartPeriod}' in {Attempts} attempt(s)")]
    public static partial void Fetched(this ILogger logger, string startPeriod, int count, int attempts);
}
