using Microsoft.Extensions.Logging;

namespace Portable.Core.Orders;

internal static partial class OrderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} ended {Status}: {Reason}")]
    public static partial void Finished(ILogger logger, string orderId, OrderStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} dispatched")]
    public static partial void Dispatched(ILogger logger, string orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch message {MessageId} failed (receive {ReceiveCount}); given back for a later try")]
    public static partial void DispatchFailed(ILogger logger, string messageId, int receiveCount, Exception exception);

    /// <summary>At Debug when the drain found nothing: it runs every minute, and an idle host would fill its log with zeros.</summary>
    public static void Drained(ILogger logger, int dispatched, int failed, int released) =>
        Drained(logger, dispatched + failed + released == 0 ? LogLevel.Debug : LogLevel.Information, dispatched, failed, released);

    [LoggerMessage(Message = "Dispatch drain: {Dispatched} dispatched, {Failed} failed, {Released} given back unstarted")]
    private static partial void Drained(ILogger logger, LogLevel level, int dispatched, int failed, int released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch of order {OrderId} skipped: its workflow is {Status}")]
    public static partial void DispatchSkipped(ILogger logger, string orderId, string status);
}
