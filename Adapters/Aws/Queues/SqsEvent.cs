using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Queues;

/// <summary>The batch an SQS event source mapping hands to the function.</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord>? Records);
