using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Json;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Sqs;
using Portable.Core.Messaging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// The <c>queue</c> handler: each record of an SQS batch goes to its queue's consumer, and the records that
/// did not succeed are answered in <c>batchItemFailures</c>, so SQS returns only those to the queue and,
/// after <c>maxReceiveCount</c>, to its dead-letter queue. Records still waiting when the deadline nears are
/// given back unprocessed. On a FIFO queue, a failed record holds back the later records of its group, so
/// their order survives the retry.
/// </summary>
public sealed partial class SqsBatchHandler(QueueRouting routing, ILogger<SqsBatchHandler> logger) : ILambdaHandler
{
    private static readonly Func<ILogger, string, string, IDisposable?> RecordScope =
        LoggerMessage.DefineScope<string, string>("Queue {Queue} message {MessageId}");

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var batch = SqsEventReader.Read(payload.Span);
        var failures = new List<BatchItemFailure>();
        var heldGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in batch.Records ?? [])
        {
            var queue = routing.LogicalName(record.EventSourceArn);
            using var scope = RecordScope(logger, queue, record.MessageId);
            if (!await TryHandleAsync(record, queue, heldGroups, cancellationToken))
            {
                failures.Add(new BatchItemFailure(record.MessageId));
                if (record.Attributes?.MessageGroupId is { } group)
                {
                    heldGroups.Add(group);
                }
            }
        }

        return new SqsBatchResponse(failures).ToUtf8Json();
    }

    private async Task<bool> TryHandleAsync(SqsRecord record, string queue, HashSet<string> heldGroups, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            LogNotStarted(logger, record.MessageId);
            return false;
        }

        if (record.Attributes?.MessageGroupId is { } group && heldGroups.Contains(group))
        {
            LogHeldBack(logger, record.MessageId, group);
            return false;
        }

        var consumer = routing.Find(queue);
        if (consumer is null)
        {
            LogNoConsumer(logger, record.MessageId, queue, record.EventSourceArn);
            return false;
        }

        var message = ToMessage(record);
        using var activity = QueueTracing.StartProcess(queue, message, record.Attributes?.AwsTraceHeader);
        try
        {
            await consumer.HandleAsync(message, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is ValidationException or JsonException)
        {
            PortableTelemetry.Fail(activity, exception);
            LogMalformed(logger, record.MessageId, queue, exception.Message);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            PortableTelemetry.Fail(activity, exception);
            LogInterrupted(logger, record.MessageId);
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(activity, exception);
            LogFailed(logger, record.MessageId, queue, exception);
        }

        return false;
    }

    private static ReceivedMessage ToMessage(SqsRecord record) => new(
        record.MessageId,
        record.Body ?? "",
        record.ReceiptHandle ?? "",
        int.TryParse(record.Attributes?.ApproximateReceiveCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1,
        DeduplicationId: record.Attributes?.MessageDeduplicationId,
        GroupId: record.Attributes?.MessageGroupId,
        TraceParent: record.MessageAttributes?.GetValueOrDefault(SqsMessageQueue.TraceParentAttribute)?.StringValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is malformed and goes back to the queue, then to its dead-letter queue: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} failed and goes back to the queue")]
    private static partial void LogFailed(ILogger logger, string messageId, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: no consumer for queue {Queue} ({EventSourceArn}); it goes back to the queue")]
    private static partial void LogNoConsumer(ILogger logger, string messageId, string queue, string? eventSourceArn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} not started before the deadline; given back to the queue")]
    private static partial void LogNotStarted(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} interrupted by the deadline; given back to the queue")]
    private static partial void LogInterrupted(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} held back behind a failed message of FIFO group {GroupId}")]
    private static partial void LogHeldBack(ILogger logger, string messageId, string groupId);
}
