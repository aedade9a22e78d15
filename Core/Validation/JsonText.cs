using System.Globalization;
using System.Text.Json;

namespace Portable.Core.Validation;

/// <summary>
/// JSON strings and property names that cannot become text: invalid UTF-8, or an escaped lone surrogate. The JSON
/// readers accept them and fail only when the text is read (with <see cref="InvalidOperationException"/>), so every
/// parser checks them here and refuses the body with the field named, instead of failing later.
/// </summary>
public static class JsonText
{
    public const string Invalid = "is not valid text: it holds invalid UTF-8 or a lone surrogate.";

    public const string InvalidName = "holds a property name that is not valid text (invalid UTF-8 or a lone surrogate).";

    /// <summary>The current string token of <paramref name="reader"/>, or false when it is not valid text.</summary>
    public static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>
    /// Refuses a document with any string or property name that is not valid text, naming where it is: <c>Item</c>,
    /// <c>[3].sampleId</c>, or the object holding a bad property name.
    /// </summary>
    /// <param name="root">The document's root element.</param>
    /// <param name="rootName">The name of the root itself (for a bad root string, or a bad name at the top level).</param>
    /// <exception cref="ValidationException">A string or name is not valid text.</exception>
    public static void ThrowIfInvalid(JsonElement root, string rootName = "body")
    {
        if (FindInvalid(root, "") is { } found)
        {
            throw new ValidationException(found.Path.Length == 0 ? rootName : found.Path, found.Message);
        }
    }

    private static (string Path, string Message)? FindInvalid(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(() => element.GetString()) ? null : (path, Invalid);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]") is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return (path, InvalidName);
                    }

                    if (FindInvalid(property.Value, path.Length == 0 ? name : path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsText(Func<string?> read)
    {
        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
