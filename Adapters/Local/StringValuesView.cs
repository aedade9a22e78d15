using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace Portable.Adapters.Local;

/// <summary>
/// ASP.NET Core's headers or query as Core's read-only string map, without copying them: a request pays
/// only for the values its handler reads.
/// </summary>
internal sealed class StringValuesView(IEnumerable<KeyValuePair<string, StringValues>> pairs, Func<string, StringValues> lookup, Func<string, bool> contains, int count)
    : IReadOnlyDictionary<string, string>
{
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => pairs.Select(pair => pair.Key);

    public IEnumerable<string> Values => pairs.Select(pair => pair.Value.ToString());

    public int Count => count;

    public bool ContainsKey(string key) => contains(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var values = lookup(key);
        if (StringValues.IsNullOrEmpty(values) && !contains(key))
        {
            value = null;
            return false;
        }

        value = values.ToString();
        return true;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        pairs.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
