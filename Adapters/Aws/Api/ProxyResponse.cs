using System.Buffers;
using System.Text.Json;

namespace Portable.Adapters.Aws.Api;

/// <summary>The proxy integration's answer; both payload formats take this shape.</summary>
public sealed record ProxyResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body, bool IsBase64Encoded)
{
    /// <summary>
    /// The document Lambda hands API Gateway, written with <see cref="Utf8JsonWriter"/> rather than the serializer, for
    /// the reason <see cref="HttpApiEventReader"/> gives; escaped as the serializer escapes.
    /// </summary>
    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(Body.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode"u8, StatusCode);
            writer.WriteStartObject("headers"u8);
            foreach (var (name, value) in Headers)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteString("body"u8, Body);
            writer.WriteBoolean("isBase64Encoded"u8, IsBase64Encoded);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
