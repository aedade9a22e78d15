using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Portable.Core.Tests;

/// <summary>
/// A read-only configuration over flat "A:B:C" keys, enough for <c>QualityOptions.FromConfiguration</c>;
/// the test project references Core only, so the real in-memory provider is not available.
/// </summary>
internal sealed class InMemoryConfiguration : IConfigurationSection
{
    private readonly Dictionary<string, string> _values;

    public InMemoryConfiguration(params (string Key, string Value)[] values)
        : this(values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase), string.Empty)
    {
    }

    private InMemoryConfiguration(Dictionary<string, string> values, string path)
    {
        _values = values;
        Path = path;
    }

    public string Key => Path[(Path.LastIndexOf(':') + 1)..];

    public string Path { get; }

    public string? Value
    {
        get => _values.GetValueOrDefault(Path);
        set => throw new NotSupportedException();
    }

    public string? this[string key]
    {
        get => GetSection(key).Value;
        set => throw new NotSupportedException();
    }

    /// <summary>The rules section, as hosts pass it.</summary>
    public static IConfiguration Rules(params (string Key, string Value)[] values) =>
        new InMemoryConfiguration(values).GetSection("Quality:Rules");

    public IConfigurationSection GetSection(string key) =>
        new InMemoryConfiguration(_values, Path.Length == 0 ? key : $"{Path}:{key}");

    public IEnumerable<IConfigurationSection> GetChildren()
    {
        var prefix = Path.Length == 0 ? string.Empty : Path + ":";
        return _values.Keys
            .Where(key => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(key => key[prefix.Length..].Split(':')[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(GetSection)
            .ToList();
    }

    public IChangeToken GetReloadToken() => throw new NotSupportedException();
}
