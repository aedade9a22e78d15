using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Queues;

/// <summary>One message of an <see cref="SqsEvent"/> (only the fields this host reads).</summary>
/// <param name="EventSourceArn">The queue's ARN; its last part is the queue's name.</param>
/// <param name="MessageAttributes">The sender's message attributes; the trace context travels in one.</param>
public sealed record SqsRecord(
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("receiptHandle")] string? ReceiptHandle,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("attributes")] SqsRecordAttributes? Attributes,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn,
    [property: JsonPropertyName("messageAttributes")] IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes = null);
