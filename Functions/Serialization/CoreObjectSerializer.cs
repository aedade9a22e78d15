using System.Text;
using System.Text.Json.Serialization.Metadata;
using Azure.Core.Serialization;
using Portable.Core.Workflows;

namespace Portable.Functions.Serialization;

/// <summary>
/// The worker's serializer. Durable Functions builds its data converter from it, so orchestration inputs,
/// outputs, activity payloads, events and custom status are written by Core's <see cref="IDataConverter"/>
/// and read the same way on every host. Types Core's JSON contexts do not declare (the worker's own, such as
/// <c>TimerInfo</c>) go to the worker's default serializer.
/// </summary>
internal sealed class CoreObjectSerializer : ObjectSerializer
{
    private readonly IDataConverter _converter;
    private readonly ObjectSerializer _fallback;
    private readonly DeclaredTypes _declared;

    public CoreObjectSerializer(IDataConverter converter, IEnumerable<IJsonTypeInfoResolver> declared, ObjectSerializer fallback)
    {
        _converter = converter;
        _fallback = fallback;
        _declared = new DeclaredTypes(declared);
    }

    public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var type = DeclaredTypes.RuntimeType(value, inputType);
        if (!Knows(type))
        {
            _fallback.Serialize(stream, value, inputType, cancellationToken);
            return;
        }

        stream.Write(Encoding.UTF8.GetBytes(_converter.Serialize(value) ?? "null"));
    }

    public override async ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var type = DeclaredTypes.RuntimeType(value, inputType);
        if (!Knows(type))
        {
            await _fallback.SerializeAsync(stream, value, inputType, cancellationToken);
            return;
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(_converter.Serialize(value) ?? "null"), cancellationToken);
    }

    public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Knows(returnType))
        {
            return _fallback.Deserialize(stream, returnType, cancellationToken);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return _converter.Deserialize(reader.ReadToEnd(), returnType);
    }

    public override async ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Knows(returnType))
        {
            return await _fallback.DeserializeAsync(stream, returnType, cancellationToken);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return _converter.Deserialize(await reader.ReadToEndAsync(cancellationToken), returnType);
    }

    /// <summary>True when one of the registered JSON contexts declares <paramref name="type"/>.</summary>
    internal bool Knows(Type type) => _declared.Knows(type);
}
