using System.Text.Json.Serialization;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// The partial batch response (the mapping's <c>ReportBatchItemFailures</c>): the listed messages return to
/// the queue and the rest are deleted, so one bad message never fails its whole batch.
/// </summary>
public sealed record SqsBatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<BatchItemFailure> BatchItemFailures);
