using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Portable.Adapters.Aws.Json;

/// <summary>
/// Reading and writing the events a function takes in every cold start (HTTP API, SQS, schedule) with
/// <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/> rather than the serializer, whose first use builds its
/// metadata for the event's types: about a tenth of a native cold start's CPU. Reads as the serializer did: property
/// names in any case, unknown properties skipped, nulls as null, a later duplicate winning; a value of the wrong kind is
/// a <see cref="JsonException"/> naming its property.
/// </summary>
internal static class EventJson
{
    /// <summary>Reads the start of the document, which must be an object.</summary>
    public static void Begin(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The event is not a JSON object.");
        }
    }

    /// <summary>Refuses anything after the document's object.</summary>
    public static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("The event has more after its object.");
        }
    }

    /// <summary>Moves to the next property name of the object being read; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The event ends inside an object.");
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Whether the property name under the reader is <paramref name="name"/>, in any case.</summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped
            ? Encoding.UTF8.GetString(name).Equals(reader.GetString(), StringComparison.OrdinalIgnoreCase)
            : Ascii.EqualsIgnoreCase(reader.ValueSpan, name);

    /// <summary>Skips the value of the property under the reader.</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static string? String(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw WrongKind(property, "a string"),
        };
    }

    public static bool Boolean(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw WrongKind(property, "true or false"),
        };
    }

    public static DateTimeOffset? Time(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time) ? time : throw WrongKind(property, "an ISO 8601 time");
    }

    public static List<string>? Strings(ref Utf8JsonReader reader, string property)
    {
        if (!StartArray(ref reader, property))
        {
            return null;
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongKind(property, "an array of strings"));
        }

        return values;
    }

    public static Dictionary<string, string>? StringMap(ref Utf8JsonReader reader, string property)
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
    public static bool StartObject(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw WrongKind(property, "an object"),
        };
    }

    /// <summary>Reads the value of the current property: true at the start of an array, false for null.</summary>
    public static bool StartArray(ref Utf8JsonReader reader, string property)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.StartArray => true,
            JsonTokenType.Null => false,
            _ => throw WrongKind(property, "an array"),
        };
    }

    public static JsonException WrongKind(string property, string expected) => new($"The event's '{property}' is not {expected}.");

    /// <summary>A document written by <paramref name="write"/>, escaped as the serializer escapes.</summary>
    public static byte[] Write<TState>(TState state, int sizeHint, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
