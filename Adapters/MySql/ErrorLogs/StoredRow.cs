namespace Portable.Adapters.MySql.ErrorLogs;

/// <summary>The content of a stored log, read back to tell whether an unanswered commit went through.</summary>
internal sealed record StoredRow(string DeviceId, int ErrorNumber, long TimeStamp);
