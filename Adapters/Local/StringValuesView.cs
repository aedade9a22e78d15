using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Portable.Adapters.Local;

/// <summary>
/// ASP.NET Core's headers or query as Core's read-only string map, without copying them: a request pays only for
/// the values its handler reads, and a query no handler reads is never parsed.
/// </summary>
internal sealed class StringValuesView : IReadOnlyDictionary<string, string>
{
    private readonly HttpRequest _request;
    private readonly bool _query;

    private StringValuesView(HttpRequest request, bool query)
    {
        _request = request;
        _query = query;
    }

    public int Count => _query ? _request.Query.Count : _request.Headers.Count;

    public IEnumerable<string> Keys => Pairs.Select(pair => pair.Key);

    public IEnumerable<string> Values => Pairs.Select(pair => pair.Value.ToString());

    private IEnumerable<KeyValuePair<string, StringValues>> Pairs => _query ? _request.Query : _request.Headers;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public static StringValuesView Headers(HttpRequest request) => new(request, query: false);

    public static StringValuesView Query(HttpRequest request) => new(request, query: true);

    public bool ContainsKey(string key) => _query ? _request.Query.ContainsKey(key) : _request.Headers.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        StringValues values;
        var found = _query ? _request.Query.TryGetValue(key, out values) : _request.Headers.TryGetValue(key, out values);
        value = found ? values.ToString() : null;
        return found;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        Pairs.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
