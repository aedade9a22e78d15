using System.Globalization;
using System.Text.Json;

namespace Portable.Operator.Api;

/// <summary>
/// Reads fields of a host's JSON whatever their case (<c>runtimeStatus</c>, <c>RuntimeStatus</c>): hosts answer in
/// camelCase or in the Durable Functions API's PascalCase, and a field a host leaves out reads as absent.
/// </summary>
public static class JsonFields
{
    public static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact.ValueKind == JsonValueKind.Null ? null : exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    /// <summary>The first of <paramref name="names"/> that is present.</summary>
    public static JsonElement? First(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (Get(element, name) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A string field as text; a number or any other value as its JSON.</summary>
    public static string? String(JsonElement element, params string[] names) =>
        First(element, names) is { } value ? Text(value) : null;

    public static DateTimeOffset? Time(JsonElement element, params string[] names) =>
        String(element, names) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;

    public static long? Integer(JsonElement element, params string[] names) =>
        First(element, names) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    public static IEnumerable<JsonElement> Items(JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray() : [];
}
