using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// The partial batch response (the mapping's <c>ReportBatchItemFailures</c>): the listed messages return to
/// the queue and the rest are deleted, so one bad message never fails its whole batch.
/// </summary>
public sealed record SqsBatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures)
{
    /// <summary>The answer's document, written without the serializer (<see cref="EventJson"/>).</summary>
    public byte[] ToUtf8Json() => EventJson.Write(this, 64 + (BatchItemFailures.Count * 64), static (writer, response) =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("batchItemFailures"u8);
        foreach (var failure in response.BatchItemFailures)
        {
            writer.WriteStartObject();
            writer.WriteString("itemIdentifier"u8, failure.ItemIdentifier);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
