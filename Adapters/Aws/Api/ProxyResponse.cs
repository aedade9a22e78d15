using System.Text.Json;
using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Api;

/// <summary>The proxy integration's answer; both payload formats take this shape.</summary>
public sealed record ProxyResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body, bool IsBase64Encoded)
{
    /// <summary>
    /// The document Lambda hands API Gateway, written with <see cref="Utf8JsonWriter"/> rather than the serializer, for
    /// the reason <see cref="EventJson"/> gives; escaped as the serializer escapes.
    /// </summary>
    public byte[] ToUtf8Json() => EventJson.Write(this, Body.Length + 256, static (writer, response) =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode"u8, response.StatusCode);
        writer.WriteStartObject("headers"u8);
        foreach (var (name, value) in response.Headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteString("body"u8, response.Body);
        writer.WriteBoolean("isBase64Encoded"u8, response.IsBase64Encoded);
        writer.WriteEndObject();
    });
}
