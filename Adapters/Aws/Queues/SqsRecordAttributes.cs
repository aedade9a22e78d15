using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// The system attributes of an <see cref="SqsRecord"/>; SQS sends every value as a string. <c>AWSTraceHeader</c> is the
/// X-Ray context SQS keeps when the sender was traced by X-Ray.
/// </summary>
public sealed record SqsRecordAttributes(
    [property: JsonPropertyName("ApproximateReceiveCount")] string? ApproximateReceiveCount,
    [property: JsonPropertyName("MessageGroupId")] string? MessageGroupId,
    [property: JsonPropertyName("MessageDeduplicationId")] string? MessageDeduplicationId,
    [property: JsonPropertyName("AWSTraceHeader")] string? AwsTraceHeader = null);
