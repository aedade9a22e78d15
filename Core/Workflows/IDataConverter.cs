namespace Portable.Core.Workflows;

/// <summary>Turns workflow inputs, outputs, event payloads and custom status into text and back.</summary>
public interface IDataConverter
{
    /// <summary>Serializes by the value's runtime type; null stays null.</summary>
    string? Serialize(object? value);

    /// <summary>Null text gives the type's default.</summary>
    object? Deserialize(string? data, Type targetType);

    T? Deserialize<T>(string? data);
}
