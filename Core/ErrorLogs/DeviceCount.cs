namespace Portable.Core.ErrorLogs;

public sealed record DeviceCount(string DeviceId, int Count);
