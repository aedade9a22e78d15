using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Core.Workflows.Management;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(InstanceStatusView))]
[JsonSerializable(typeof(IReadOnlyList<InstanceStatusView>))]
[JsonSerializable(typeof(IReadOnlyList<HistoryEventView>))]
[JsonSerializable(typeof(PurgeResult))]
[JsonSerializable(typeof(WorkflowLinks))]
[JsonSerializable(typeof(string))]
public sealed partial class ManagementJsonContext : JsonSerializerContext;
