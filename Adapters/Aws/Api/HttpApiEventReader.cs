using System.Text;
using System.Text.Json;

namespace Portable.Adapters.Aws.Api;

/// <summary>
/// Reads an HTTP API 2.0 event, the api function's every invocation, with <see cref="Utf8JsonReader"/> rather than the
/// serializer: the serializer's first use builds its metadata for the event's types, about a tenth of a native cold
/// start's CPU. Reads as the serializer did: property names in any case, unknown properties skipped, nulls as null,
/// a later duplicate winning; a value of the wrong kind is a <see cref="JsonException"/> naming its property.
/// </summary>
public static class HttpApiEventReader
{
    public static HttpApiRequest Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The event is not a JSON object.");
        }

        string? version = null, rawPath = null, body = null;
        IReadOnlyList<string>? cookies = null;
        IReadOnlyDictionary<string, string>? headers = null, query = null;
        HttpApiRequestContext? context = null;
        var base64 = false;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "version"u8)) { version = String(ref reader, "version"); }
            else if (Is(ref reader, "rawPath"u8)) { rawPath = String(ref reader, "rawPath"); }
            else if (Is(ref reader, "cookies"u8)) { cookies = Strings(ref reader, "cookies"); }
            else if (Is(ref reader, "headers"u8)) { headers = Map(ref reader, "headers"); }
            else if (Is(ref reader, "queryStringParameters"u8)) { query = Map(ref reader, "queryStringParameters"); }
            else if (Is(ref reader, "requestContext"u8)) { context = RequestContext(ref reader); }
            else if (Is(ref reader, "body"u8)) { body = String(ref reader, "body"); }
            else if (Is(ref reader, "isBase64Encoded"u8)) { base64 = Boolean(ref reader, "isBase64Encoded"); }
            else { Skip(ref reader); }
        }

        if (reader.Read())
        {
            throw new JsonException("The event has more after its object.");
        }

        return new HttpApiRequest(version, rawPath, cookies, headers, query, context, body, base64);
    }

    private static HttpApiRequestContext? RequestContext(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader, "requestContext"))
        {
            return null;
        }

        string? stage = null, domainName = null;
        HttpApiHttpDescription? http = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "stage"u8)) { stage = String(ref reader, "requestContext.stage"); }
            else if (Is(ref reader, "domainName"u8)) { domainName = String(ref reader, "requestContext.domainName"); }
            else if (Is(ref reader, "http"u8)) { http = Http(ref reader); }
            else { Skip(ref reader); }
        }

        return new HttpApiRequestContext(stage, domainName, http);
    }

    private static HttpApiHttpDescription? Http(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader, "requestContext.http"))
        {
            return null;
        }

        string? method = null, path = null;
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "method"u8)) { method = String(ref reader, "requestContext.http.method"); }
            else if (Is(ref reader, "path"u8)) { path = String(ref reader, "requestContext.http.path"); }
            else { Skip(ref reader); }
        }

        return new HttpApiHttpDescription(method, path);
    }

    /// <summary>Moves to the next property name of the object being read; false at its end. Leaves the reader on the name.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The event ends inside an object.");
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Whether the property name under the reader is <paramref name="name"/>, in any case.</summary>
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped
            ? Encoding.UTF8.GetString(name).Equals(reader.GetString(), StringComparison.OrdinalIgnoreCase)
            : System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, name);

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string? String(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw WrongKind(property, "a string"),
        };
    }

    private static bool Boolean(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw WrongKind(property, "true or false"),
        };
    }

    private static List<string>? Strings(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongKind(property, "an array of strings");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongKind(property, "an array of strings"));
        }

        return values;
    }

    private static Dictionary<string, string>? Map(ref Utf8JsonReader reader, string property)
    {
        if (!StartObject(ref reader, property))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var name = reader.GetString()!;
            reader.Read();
            values[name] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongKind($"{property}.{name}", "a string");
        }

        return values;
    }

    /// <summary>Reads the value of the current property: true at the start of an object, false for null.</summary>
    private static bool StartObject(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw WrongKind(property, "an object"),
        };
    }

    private static JsonException WrongKind(string property, string expected) => new($"The event's '{property}' is not {expected}.");
}
