namespace Portable.Core.ErrorLogs;

/// <summary>A count for the minute that starts at <paramref name="MinuteUnixSeconds"/>.</summary>
public sealed record MinuteCount(long MinuteUnixSeconds, int Count);
