using System.Text.Json.Serialization.Metadata;
using Portable.Core.Workflows;
using DurableDataConverter = Microsoft.DurableTask.DataConverter;
using DurableJsonDataConverter = Microsoft.DurableTask.Converters.JsonDataConverter;

namespace Portable.Functions.Serialization;

/// <summary>
/// A durabletask-dotnet worker's and client's data converter over Core's <see cref="IDataConverter"/>, as
/// <see cref="CoreObjectSerializer"/> is the Functions worker's: inputs, outputs, activity payloads, events and custom
/// status are stored as Core writes them on every host. Types Core's contexts do not declare go to Durable's default.
/// </summary>
public sealed class CoreDataConverter : DurableDataConverter
{
    private readonly IDataConverter _converter;
    private readonly DeclaredTypes _declared;

    /// <param name="contexts">The JSON contexts of everything that crosses the engine's boundary (<see cref="Program.JsonContexts"/>).</param>
    public CoreDataConverter(IReadOnlyList<IJsonTypeInfoResolver> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _converter = new JsonDataConverter(contexts);
        _declared = new DeclaredTypes(contexts);
    }

    public override string? Serialize(object? value) =>
        value is null ? null
        : _declared.Knows(DeclaredTypes.RuntimeType(value, null)) ? _converter.Serialize(value)
        : DurableJsonDataConverter.Default.Serialize(value);

    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return _declared.Knows(targetType) ? _converter.Deserialize(data, targetType) : DurableJsonDataConverter.Default.Deserialize(data, targetType);
    }
}
