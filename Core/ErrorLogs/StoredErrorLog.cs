using System.Text.Json.Serialization;

namespace Portable.Core.ErrorLogs;

/// <summary>An error log as stored, with the id the store gave it; field names follow seed 001's table.</summary>
public sealed record StoredErrorLog(
    [property: JsonPropertyName("error_log_id")] long ErrorLogId,
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("error_number")] int ErrorNumber,
    [property: JsonPropertyName("time_stamp")] long TimeStamp);
