using System.Text.Json.Nodes;

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
    public JsonObject ToTree() => new()
    {
        ["cloud"] = new JsonObject
        {
            ["provider"] = Cloud,
            ["region"] = Region,
        },
        ["function"] = new JsonObject
        {
            ["name"] = FunctionName,
            ["memory-mb"] = MemoryMb,
            ["instance-id"] = InstanceId,
            ["started-at"] = StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        },
        ["runtime"] = new JsonObject
        {
            ["framework"] = Runtime,
            ["os"] = Os,
            ["processor-count"] = ProcessorCount,
        },
    };
}
