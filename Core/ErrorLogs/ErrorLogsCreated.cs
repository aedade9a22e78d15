using System.Text.Json.Serialization;

namespace Portable.Core.ErrorLogs;

/// <summary>The answer to an accepted POST: the ids the store gave, in input order.</summary>
public sealed record ErrorLogsCreated(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("error_log_ids")] IReadOnlyList<long> ErrorLogIds);
