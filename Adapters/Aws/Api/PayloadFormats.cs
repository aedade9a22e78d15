using System.Text.Json;

namespace Portable.Adapters.Aws.Api;

/// <summary>Tells the formats apart by the top-level <c>version</c> field (REST API events have none).</summary>
public static class PayloadFormats
{
    public static PayloadFormat Detect(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An API Gateway event must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            if (isVersion)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8) ? PayloadFormat.V2 : PayloadFormat.V1;
            }

            reader.Skip();
        }

        return PayloadFormat.V1;
    }
}
