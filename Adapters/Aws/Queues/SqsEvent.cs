namespace Portable.Adapters.Aws.Queues;

/// <summary>The batch an SQS event source mapping hands to the function.</summary>
public sealed record SqsEvent(IReadOnlyList<SqsRecord>? Records);
