using System.Text.Json.Serialization;

namespace Portable.Core.ErrorLogs;

[JsonSerializable(typeof(ErrorLogsCreated))]
[JsonSerializable(typeof(IReadOnlyList<StoredErrorLog>))]
public sealed partial class ErrorLogsJsonContext : JsonSerializerContext;
