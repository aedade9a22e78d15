using System.Globalization;
using System.Text.Json;
using Portable.Core.Validation;

namespace Portable.Core.Metadata;

/// <summary>
/// Looks a slash-separated key path up in a nested tree, with the instance-metadata rules of seed 002:
/// <c>a/b</c> gives a leaf's value or, for a branch, the list of its keys; <c>a/b/</c> gives the whole subtree;
/// an empty path gives the whole tree. Array items are addressed by index.
/// </summary>
public static class NestedKeyLookup
{
    /// <summary>Writes what <paramref name="path"/> names in <paramref name="root"/>.</summary>
    /// <exception cref="NotFoundException">Nothing is at the path; the message names how far it got.</exception>
    public static void Write(JsonElement root, string? path, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        path ??= "";
        var wantsSubtree = path.Length == 0 || path.EndsWith('/');
        var node = root;
        var walked = "";
        foreach (var key in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = Child(node, key) ?? throw new NotFoundException($"No metadata at '{walked}{key}'.");
            walked += key + "/";
        }

        switch (node.ValueKind)
        {
            case JsonValueKind.Object when !wantsSubtree:
                json.WriteStartArray();
                foreach (var property in node.EnumerateObject())
                {
                    json.WriteStringValue(property.Name);
                }

                json.WriteEndArray();
                break;
            case JsonValueKind.Array when !wantsSubtree:
                json.WriteStartArray();
                for (var index = 0; index < node.GetArrayLength(); index++)
                {
                    json.WriteStringValue(index.ToString(CultureInfo.InvariantCulture));
                }

                json.WriteEndArray();
                break;
            default:
                node.WriteTo(json);
                break;
        }
    }

    private static JsonElement? Child(JsonElement node, string key) => node.ValueKind switch
    {
        JsonValueKind.Object => node.TryGetProperty(key, out var child) ? child : null,
        JsonValueKind.Array when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.GetArrayLength() => node[index],
        _ => null,
    };
}
