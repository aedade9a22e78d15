namespace Portable.Lambda.Bench;

/// <summary>One cold start.</summary>
/// <param name="WallMs">Process start to the first response posted.</param>
/// <param name="CpuMs">CPU (user and system) the process spent, counted by the kernel: unlike wall time, barely moved by other load.</param>
/// <param name="PeakRssMb">VmHWM when the response had been posted (0 where not measured).</param>
public sealed record ColdStart(double WallMs, double CpuMs, double PeakRssMb);
