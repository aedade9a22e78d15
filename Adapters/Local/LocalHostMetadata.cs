using System.Runtime.InteropServices;
using Portable.Core.Metadata;

namespace Portable.Adapters.Local;

/// <summary>The embedded host's answer to "where am I running".</summary>
internal static class LocalHostMetadata
{
    public static HostMetadata Create(TimeProvider time) => new(
        Cloud: "local",
        Region: "local",
        FunctionName: "Portable.Local",
        MemoryMb: GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024),
        Runtime: RuntimeInformation.FrameworkDescription,
        Os: RuntimeInformation.OSDescription,
        ProcessorCount: Environment.ProcessorCount,
        InstanceId: $"{Environment.MachineName}-{Environment.ProcessId}",
        StartedAt: time.GetUtcNow());
}
