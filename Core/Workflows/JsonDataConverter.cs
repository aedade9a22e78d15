using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portable.Core.Workflows;

/// <summary>
/// System.Text.Json through source-generated metadata only (AOT-ready: no reflection fallback).
/// Register the application's <c>JsonSerializerContext</c>s; a type none of them declares fails with
/// a message that says what to add.
/// </summary>
public sealed class JsonDataConverter : IDataConverter
{
    private readonly JsonSerializerOptions _options;

    public JsonDataConverter(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        _options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, WorkflowJsonContext.Default]),
        };
        _options.MakeReadOnly();
    }

    /// <summary>Knows the built-in primitives only.</summary>
    public static JsonDataConverter Default { get; } = new([]);

    public string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, GetTypeInfo(value.GetType()));

    /// <exception cref="DataTypeMismatchException">The text is not JSON, or JSON that cannot be read as <paramref name="targetType"/>.</exception>
    public object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        var typeInfo = GetTypeInfo(targetType);
        return data is null ? null : Read(data, typeInfo, static (text, info) => JsonSerializer.Deserialize(text, info));
    }

    /// <exception cref="DataTypeMismatchException">The text is not JSON, or JSON that cannot be read as <typeparamref name="T"/>.</exception>
    public T? Deserialize<T>(string? data)
    {
        var typeInfo = (JsonTypeInfo<T>)GetTypeInfo(typeof(T));
        return data is null ? default : Read(data, typeInfo, static (text, info) => JsonSerializer.Deserialize(text, info));
    }

    private static TResult Read<TInfo, TResult>(string data, TInfo typeInfo, Func<string, TInfo, TResult> read)
        where TInfo : JsonTypeInfo
    {
        try
        {
            return read(data, typeInfo);
        }
        catch (JsonException exception)
        {
            throw new DataTypeMismatchException(typeInfo.Type, KindOf(data), exception);
        }
    }

    /// <summary>The kind of the JSON value the text holds, or null when it is not JSON.</summary>
    private static string? KindOf(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private JsonTypeInfo GetTypeInfo(Type type)
    {
        try
        {
            return _options.GetTypeInfo(type);
        }
        catch (NotSupportedException exception)
        {
            throw new InvalidOperationException(
                $"The data converter has no JSON metadata for '{type.FullName}'. Declare " +
                $"[JsonSerializable(typeof({type.Name}))] on a JsonSerializerContext and register that " +
                "context with the workflow runtime.",
                exception);
        }
    }
}
