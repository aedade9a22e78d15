using System.Text.Json;
using System.Text.Json.Serialization;
using Portable.Core.ErrorLogs;
using Portable.Core.Orders;

namespace Portable.Core.Dashboard;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<InstanceSummary>))]
[JsonSerializable(typeof(OrderBoard))]
[JsonSerializable(typeof(CancelAccepted))]
[JsonSerializable(typeof(IReadOnlyList<StoredErrorLog>))]
[JsonSerializable(typeof(ChartsView))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
