using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Portable.Core.Metadata;

/// <summary>What a host knows about where it runs; each host fills it from its own environment.</summary>
public sealed record HostMetadata(
    string Cloud,
    string Region,
    string FunctionName,
    long MemoryMb,
    string Runtime,
    string Os,
    int ProcessorCount,
    string InstanceId,
    DateTimeOffset StartedAt)
{
    /// <summary>
    /// The metadata as one JSON tree, written rather than built from nodes: a node's value takes a serializer converter,
    /// whose first creation costs a native cold start about 0.75 ms of reflection over assembly names.
    /// </summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("cloud");
            json.WriteString("provider", Cloud);
            json.WriteString("region", Region);
            json.WriteEndObject();
            json.WriteStartObject("function");
            json.WriteString("name", FunctionName);
            json.WriteNumber("memory-mb", MemoryMb);
            json.WriteString("instance-id", InstanceId);
            json.WriteString("started-at", StartedAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("runtime");
            json.WriteString("framework", Runtime);
            json.WriteString("os", Os);
            json.WriteNumber("processor-count", ProcessorCount);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
