namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// The system attributes of an <see cref="SqsRecord"/>; SQS sends every value as a string. <c>AWSTraceHeader</c> is the
/// X-Ray context SQS keeps when the sender was traced by X-Ray.
/// </summary>
public sealed record SqsRecordAttributes(
    string? ApproximateReceiveCount,
    string? MessageGroupId,
    string? MessageDeduplicationId,
    string? AwsTraceHeader = null);
