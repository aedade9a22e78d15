using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portable.Functions.Serialization;

/// <summary>
/// Which types Core's JSON contexts (and this host's) declare: those Core's <see cref="Core.Workflows.IDataConverter"/>
/// writes, while the engine's own types go to its default serializer.
/// </summary>
internal sealed class DeclaredTypes
{
    private readonly JsonSerializerOptions _declared;
    private readonly ConcurrentDictionary<Type, bool> _known = new();

    public DeclaredTypes(IEnumerable<IJsonTypeInfoResolver> declared)
    {
        _declared = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = JsonTypeInfoResolver.Combine([.. declared]) };
        _declared.MakeReadOnly();
    }

    /// <summary>True when one of the contexts declares <paramref name="type"/>.</summary>
    public bool Knows(Type type) =>
        _known.GetOrAdd(type, t => t != typeof(object) && _declared.TryGetTypeInfo(t, out _));

    /// <summary>Engines serialize by the value's runtime type; callers that pass object mean the same.</summary>
    public static Type RuntimeType(object? value, Type? declaredType) =>
        value is not null && (declaredType is null || declaredType == typeof(object)) ? value.GetType() : declaredType ?? typeof(object);
}
