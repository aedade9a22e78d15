using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Portable.Core.Tests.Observations;

/// <summary>Flat key lookup, which is all the options read; the test project has no configuration providers.</summary>
internal sealed class DictionaryConfiguration(Dictionary<string, string?> values) : IConfiguration
{
    public string? this[string key]
    {
        get => values.GetValueOrDefault(key);
        set => values[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() => throw new NotSupportedException();

    public IChangeToken GetReloadToken() => throw new NotSupportedException();

    public IConfigurationSection GetSection(string key) => throw new NotSupportedException();
}
