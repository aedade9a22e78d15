using System.Runtime.InteropServices;

namespace Portable.Lambda.Bench;

/// <summary>
/// CPU time of this process's ended children, as the kernel counts it: the difference around one child's life is what
/// that child spent, whatever else the machine was doing, where its wall time grows with the machine's load.
/// </summary>
public static partial class ChildCpu
{
    private const int Children = -1;

    public static double TotalMs()
    {
        if (GetRUsage(Children, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRUsage(int who, out RUsage usage);

    /// <summary>Linux x86-64 <c>struct rusage</c>: two <c>timeval</c>s, then fourteen counters this class does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}
