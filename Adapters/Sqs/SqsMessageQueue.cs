using System.Globalization;
using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Validation;

namespace Portable.Adapters.Sqs;

/// <summary>
/// One queue on SQS. Sends and deletes go in batches of 10 whose failed entries are tried again; visibility is in
/// whole seconds, rounded up. AWSSDK.SQS 4 leaves empty collections null, so every one is checked.
/// </summary>
public sealed partial class SqsMessageQueue : IMessageQueue
{
    private const int MaxBatch = 10;

    /// <summary>The batch limit SQS had until 2025 (now 1 MiB); kept so that a batch fits every endpoint and emulator.</summary>
    private const int MaxBatchBytes = 256 * 1024;

    private const int MaxLongPollSeconds = 20;
    private const int MaxAttempts = 4;

    /// <summary>Standard queues take no de-duplication id: it travels as this message attribute, for the consumer's logs.</summary>
    private const string DeduplicationAttribute = "DeduplicationId";

    /// <summary>The sender's W3C trace context, as a message attribute so that it reaches any consumer (the Lambda event carries it too).</summary>
    public const string TraceParentAttribute = "traceparent";

    private static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly IAmazonSQS _client;
    private readonly bool _fifo;
    private readonly Func<CancellationToken, Task<string>> _url;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal SqsMessageQueue(
        IAmazonSQS client,
        string name,
        bool fifo,
        int? maxReceiveCount,
        Func<CancellationToken, Task<string>> url,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _client = client;
        Name = name;
        _fifo = fifo;
        MaxReceiveCount = maxReceiveCount;
        _url = url;
        _time = timeProvider;
        _logger = logger;
    }

    public string Name { get; }

    public int? MaxReceiveCount { get; }

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var entries = messages.Select(Entry).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var url = await _url(cancellationToken);
        var batch = new List<SendMessageBatchRequestEntry>(MaxBatch);
        var batchBytes = 0;
        foreach (var (entry, bytes) in entries.Select(entry => (entry, Size(entry))))
        {
            if (batch.Count == MaxBatch || (batch.Count > 0 && batchBytes + bytes > MaxBatchBytes))
            {
                await SendBatchAsync(url, batch, cancellationToken);
                batch = new List<SendMessageBatchRequestEntry>(MaxBatch);
                batchBytes = 0;
            }

            entry.Id = batch.Count.ToString(CultureInfo.InvariantCulture);
            batch.Add(entry);
            batchBytes += bytes;
        }

        await SendBatchAsync(url, batch, cancellationToken);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        ValidateVisibility(visibilityTimeout);

        var url = await _url(cancellationToken);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            // SQS long-polls for at most 20 s: a longer wait takes several receives.
            var remaining = deadline - _time.GetUtcNow();
            var response = await _client.ReceiveMessageAsync(
                new ReceiveMessageRequest
                {
                    QueueUrl = url,
                    MaxNumberOfMessages = maxMessages,
                    WaitTimeSeconds = Math.Min(Seconds(remaining), MaxLongPollSeconds),
                    VisibilityTimeout = Seconds(visibilityTimeout),
                    MessageSystemAttributeNames =
                    [
                        MessageSystemAttributeName.ApproximateReceiveCount,
                        MessageSystemAttributeName.MessageDeduplicationId,
                        MessageSystemAttributeName.MessageGroupId,
                    ],
                    MessageAttributeNames = [DeduplicationAttribute, TraceParentAttribute],
                },
                cancellationToken);

            if (response.Messages is { Count: > 0 } messages)
            {
                return messages.ConvertAll(ToReceived);
            }

            if (deadline <= _time.GetUtcNow())
            {
                return [];
            }
        }
    }

    public async Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateVisibility(visibilityTimeout);
        await ChangeVisibilityAsync(message, visibilityTimeout, cancellationToken);
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateVisibility(delay);
        await ChangeVisibilityAsync(message, delay, cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var url = await _url(cancellationToken);
        foreach (var chunk in messages.Chunk(MaxBatch))
        {
            var entries = chunk
                .Select((message, index) => new DeleteMessageBatchRequestEntry(index.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle))
                .ToList();
            await BatchAsync(
                "delete",
                entries,
                entry => entry.Id,
                async (pending, token) =>
                {
                    var response = await _client.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(url, pending), token);

                    // A receipt that is no longer current does nothing, as the port says.
                    return response.Failed?.FindAll(failure => failure.Code != "ReceiptHandleIsInvalid");
                },
                cancellationToken);
        }
    }

    private SendMessageBatchRequestEntry Entry(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entry = new SendMessageBatchRequestEntry { MessageBody = message.Body };
        if (_fifo)
        {
            if (message.Delay is not null)
            {
                throw new ArgumentException($"Queue {Name} is FIFO and takes no per-message delay (as on SQS).", nameof(message));
            }

            entry.MessageDeduplicationId = message.FifoDeduplicationId();
            entry.MessageGroupId = message.FifoGroupId();
            AddAttribute(entry, TraceParentAttribute, message.TraceParent);
            return entry;
        }

        if (message.Delay is { } delay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, QueueMessage.MaxDelay);
            entry.DelaySeconds = Seconds(delay);
        }

        AddAttribute(entry, DeduplicationAttribute, message.DeduplicationId);
        AddAttribute(entry, TraceParentAttribute, message.TraceParent);
        return entry;
    }

    private static void AddAttribute(SendMessageBatchRequestEntry entry, string name, string? value)
    {
        if (value is not null)
        {
            entry.MessageAttributes ??= new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
            entry.MessageAttributes[name] = new MessageAttributeValue { DataType = "String", StringValue = value };
        }
    }

    /// <summary>What SQS counts against the batch size: the body and the message attributes.</summary>
    private static int Size(SendMessageBatchRequestEntry entry) =>
        Encoding.UTF8.GetByteCount(entry.MessageBody)
        + (entry.MessageAttributes?.Sum(attribute =>
            Encoding.UTF8.GetByteCount(attribute.Key) + attribute.Value.DataType.Length + Encoding.UTF8.GetByteCount(attribute.Value.StringValue ?? "")) ?? 0);

    private Task SendBatchAsync(string url, List<SendMessageBatchRequestEntry> batch, CancellationToken cancellationToken) =>
        BatchAsync(
            "send",
            batch,
            entry => entry.Id,
            async (pending, token) => (await _client.SendMessageBatchAsync(new SendMessageBatchRequest(url, pending), token)).Failed,
            cancellationToken);

    /// <summary>
    /// Runs a batch call and repeats it for the entries that failed on SQS's side. An entry SQS refuses as the
    /// sender's fault is a bad request, and fails the call at once.
    /// </summary>
    private async Task BatchAsync<TEntry>(
        string operation,
        List<TEntry> entries,
        Func<TEntry, string> id,
        Func<List<TEntry>, CancellationToken, Task<List<BatchResultErrorEntry>?>> call,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var failed = await call(entries, cancellationToken);
            if (failed is not { Count: > 0 })
            {
                return;
            }

            if (failed.Find(failure => failure.SenderFault == true) is { } refused)
            {
                throw new InvalidOperationException($"SQS refused to {operation} a message on queue {Name}: {refused.Code}: {refused.Message}");
            }

            if (attempt == MaxAttempts)
            {
                throw new UnavailableException(
                    $"SQS failed to {operation} {failed.Count} message(s) on queue {Name} {MaxAttempts} times: {failed[0].Code}: {failed[0].Message}",
                    TimeSpan.FromSeconds(5));
            }

            LogBatchRetry(_logger, Name, operation, failed.Count, failed[0].Code, attempt);
            var failedIds = failed.Select(failure => failure.Id).ToHashSet(StringComparer.Ordinal);
            entries = entries.FindAll(entry => failedIds.Contains(id(entry)));
            await Task.Delay(RetryDelay * attempt, _time, cancellationToken);
        }
    }

    private async Task ChangeVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var url = await _url(cancellationToken);
        try
        {
            await _client.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(url, message.ReceiptHandle, Seconds(visibilityTimeout)), cancellationToken);
        }
        catch (AmazonSQSException exception) when (IsStaleReceipt(exception))
        {
            LogStaleReceipt(_logger, Name, message.MessageId, exception.ErrorCode);
        }
    }

    /// <summary>How SQS answers a visibility change with a receipt that is no longer current; the port says it then does nothing.</summary>
    private static bool IsStaleReceipt(AmazonSQSException exception) =>
        exception is ReceiptHandleIsInvalidException or MessageNotInflightException
        || (exception.ErrorCode == "InvalidParameterValue" && exception.Message.Contains("ReceiptHandle", StringComparison.OrdinalIgnoreCase));

    private static ReceivedMessage ToReceived(Message message)
    {
        var attributes = message.Attributes;
        string? Attribute(string name) => attributes is not null && attributes.TryGetValue(name, out var value) ? value : null;

        string? MessageAttribute(string name) =>
            message.MessageAttributes is not null && message.MessageAttributes.TryGetValue(name, out var attribute) ? attribute.StringValue : null;

        var deduplicationId = Attribute(MessageSystemAttributeName.MessageDeduplicationId) ?? MessageAttribute(DeduplicationAttribute);
        var receiveCount = int.TryParse(Attribute(MessageSystemAttributeName.ApproximateReceiveCount), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
        return new ReceivedMessage(
            message.MessageId, message.Body, message.ReceiptHandle, receiveCount, deduplicationId, Attribute(MessageSystemAttributeName.MessageGroupId), MessageAttribute(TraceParentAttribute));
    }

    private static void ValidateVisibility(TimeSpan visibilityTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, MaxVisibilityTimeout);
    }

    /// <summary>SQS counts in whole seconds; rounding up never shortens a wait or a visibility.</summary>
    private static int Seconds(TimeSpan duration) => duration <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(duration.TotalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: {Operation} failed for {Count} message(s) ({Code}) on attempt {Attempt}; trying them again")]
    private static partial void LogBatchRetry(ILogger logger, string queue, string operation, int count, string code, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue}: receipt of message {MessageId} is no longer current ({Code}); nothing changed")]
    private static partial void LogStaleReceipt(ILogger logger, string queue, string messageId, string code);
}
