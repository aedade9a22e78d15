namespace Portable.Adapters.Aws.Queues;

/// <summary>One message of an <see cref="SqsEvent"/> (only the fields this host reads).</summary>
/// <param name="EventSourceArn">The queue's ARN; its last part is the queue's name.</param>
/// <param name="MessageAttributes">The sender's message attributes; the trace context travels in one.</param>
public sealed record SqsRecord(
    string MessageId,
    string? ReceiptHandle,
    string? Body,
    SqsRecordAttributes? Attributes,
    string? EventSourceArn,
    IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes = null);
