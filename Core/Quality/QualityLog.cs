using Microsoft.Extensions.Logging;

namespace Portable.Core.Quality;

internal static partial class QualityLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sample {SampleId} passed quality control")]
    public static partial void Passed(ILogger logger, string sampleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample {SampleId} failed quality control; lab staff notified")]
    public static partial void Notified(ILogger logger, string sampleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample {SampleId} failed quality control; its notification is on the notifications queue")]
    public static partial void Queued(ILogger logger, string sampleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sample {SampleId} failed quality control and its notification was NOT delivered after {Attempts} attempts: {Error}")]
    public static partial void Undelivered(ILogger logger, string sampleId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification for sample {SampleId} failed (attempt {Attempt}): {Error}")]
    public static partial void NotificationAttemptFailed(ILogger logger, string sampleId, int attempt, string error);
}
