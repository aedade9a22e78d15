using System.Runtime.InteropServices;

namespace Portable.Core.Metadata;

/// <summary>A host's answer to "where am I running", from the process itself; hosts pass what their platform tells them.</summary>
public static class ProcessHostMetadata
{
    public static HostMetadata Create(TimeProvider time, string cloud = "local", string region = "local", string functionName = "Portable.Local") => new(
        Cloud: cloud,
        Region: region,
        FunctionName: functionName,
        MemoryMb: GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024),
        Runtime: RuntimeInformation.FrameworkDescription,
        Os: RuntimeInformation.OSDescription,
        ProcessorCount: Environment.ProcessorCount,
        InstanceId: $"{Environment.MachineName}-{Environment.ProcessId}",
        StartedAt: time.GetUtcNow());
}
