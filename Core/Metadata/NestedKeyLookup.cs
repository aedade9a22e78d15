using System.Globalization;
using System.Text.Json.Nodes;
using Portable.Core.Validation;

namespace Portable.Core.Metadata;

/// <summary>
/// Looks a slash-separated key path up in a nested tree, with the instance-metadata rules of seed 002:
/// <c>a/b</c> gives a leaf's value or, for a branch, the list of its keys; <c>a/b/</c> gives the whole subtree;
/// an empty path gives the whole tree. Array items are addressed by index.
/// </summary>
public static class NestedKeyLookup
{
    public static JsonNode? Lookup(JsonNode root, string? path)
    {
        path ??= "";
        var wantsSubtree = path.Length == 0 || path.EndsWith('/');
        var node = root;
        var walked = "";
        foreach (var key in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = Child(node, key) ?? throw new NotFoundException($"No metadata at '{walked}{key}'.");
            walked += key + "/";
        }

        return node switch
        {
            JsonObject branch when !wantsSubtree => new JsonArray(branch.Select(pair => (JsonNode?)JsonValue.Create(pair.Key)).ToArray()),
            JsonArray items when !wantsSubtree => new JsonArray(Enumerable.Range(0, items.Count).Select(i => (JsonNode?)JsonValue.Create(i.ToString(CultureInfo.InvariantCulture))).ToArray()),
            _ => node?.DeepClone(),
        };
    }

    private static JsonNode? Child(JsonNode? node, string key) => node switch
    {
        JsonObject branch => branch.TryGetPropertyValue(key, out var child) ? child ?? JsonValue.Create((string?)null) : null,
        JsonArray items when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < items.Count => items[index],
        _ => null,
    };
}
