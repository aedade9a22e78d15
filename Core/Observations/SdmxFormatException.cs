namespace Portable.Core.Observations;

/// <summary>An SDMX-JSON document that cannot be read; <see cref="Path"/> names where it breaks.</summary>
public sealed class SdmxFormatException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    /// <summary>A JSONPath-like location, for example <c>$.data.dataSets[0].series["0:0"]</c>.</summary>
    public string Path { get; } = path;
}
