using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Core.Idempotency;
using Portable.Core.Messaging;
using Portable.Core.Telemetry;

namespace Portable.Core.ErrorLogs;

/// <summary>
/// Error logs buffered through the <c>error-logs</c> queue (seed 001): a message body is what <c>POST /api/logs</c>
/// takes, one error log or an array of them, stored in one transaction; a batch with a bad record is refused whole.
/// </summary>
/// <remarks>
/// A message redelivered after its logs were committed (the consumer died before the queue heard of it, or the queue
/// delivered it twice) stores nothing: the message id is kept as an idempotency key with the rows, in their transaction.
/// </remarks>
public sealed partial class ErrorLogQueueConsumer(
    IIdempotentErrorLogStore store, IdempotencyOptions idempotency, TimeProvider time, ILogger<ErrorLogQueueConsumer> logger) : IQueueConsumer
{
    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Encoding.UTF8.GetBytes(message.Body);
        var logs = ErrorLogParser.Parse(body);
        using var scope = ErrorLogEndpoints.OneDevice(logs) is { } deviceId ? WorkScope.Device(logger, deviceId) : null;
        var now = time.GetUtcNow();
        var ids = await store.AppendOnceAsync(
            logs, IdempotencyKey.ForMessage(QueueNames.ErrorLogs, message.MessageId, body), now, now + idempotency.Window, cancellationToken);
        LogStored(logger, ids.Count, message.MessageId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} error logs from message {MessageId}")]
    private static partial void LogStored(ILogger logger, int count, string messageId);
}
