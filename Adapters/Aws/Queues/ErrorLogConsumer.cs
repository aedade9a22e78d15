using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Core.ErrorLogs;
using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// Error logs buffered through SQS (seed 001): a message body is what <c>POST /api/logs</c> takes, one
/// error log or an array of them, stored in one transaction; a batch with a bad record is refused whole.
/// </summary>
/// <remarks>
/// A message redelivered after its logs were committed (the function died before the batch answer) stores
/// them again: exactly-once needs the store to de-duplicate on the message id.
/// </remarks>
public sealed partial class ErrorLogConsumer(ILogger<ErrorLogConsumer> logger) : IQueueConsumer
{
    public string QueueName => QueueNames.ErrorLogs;

    public async Task HandleAsync(ReceivedMessage message, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var logs = ErrorLogParser.Parse(Encoding.UTF8.GetBytes(message.Body));
        var ids = await services.GetRequiredService<IErrorLogStore>().AppendAsync(logs, cancellationToken);
        LogStored(logger, ids.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} error logs")]
    private static partial void LogStored(ILogger logger, int count);
}
