using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Functions.Queues;

/// <summary>
/// What this app puts on a Storage queue: the body with what Core's queue port carries beside it and Storage queues have
/// no field for (the sender's de-duplication id, the group, the W3C trace context), and, once dead-lettered, the id the message had on its
/// own queue. Text that is not an envelope (sent by another tool) reads as a bare body.
/// </summary>
internal sealed record StorageEnvelope(
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("dedup")] string? DeduplicationId = null,
    [property: JsonPropertyName("group")] string? GroupId = null,
    [property: JsonPropertyName("id")] string? OriginalMessageId = null,
    [property: JsonPropertyName("traceparent")] string? TraceParent = null)
{
    public string Write() => JsonSerializer.Serialize(this, StorageEnvelopeJsonContext.Default.StorageEnvelope);

    public static StorageEnvelope Read(string text)
    {
        if (text.StartsWith("{\"body\":", StringComparison.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize(text, StorageEnvelopeJsonContext.Default.StorageEnvelope) is { Body: not null } envelope)
                {
                    return envelope;
                }
            }
            catch (JsonException)
            {
                // A body of another sender's that merely starts like an envelope.
            }
        }

        return new StorageEnvelope(text);
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StorageEnvelope))]
internal sealed partial class StorageEnvelopeJsonContext : JsonSerializerContext;
