namespace Portable.Core.Workflows.Management;

public sealed record PurgeResult(int InstancesDeleted);
