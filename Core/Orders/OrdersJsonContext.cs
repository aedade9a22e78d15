using System.Text.Json.Serialization;

namespace Portable.Core.Orders;

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(OrderInput))]
[JsonSerializable(typeof(OrderOutcome))]
[JsonSerializable(typeof(OrderStatus))]
[JsonSerializable(typeof(OrderStatusChange))]
[JsonSerializable(typeof(OrderStatusChangeResult))]
[JsonSerializable(typeof(PaymentCharge))]
[JsonSerializable(typeof(PaymentResult))]
[JsonSerializable(typeof(CancelRequest))]
[JsonSerializable(typeof(DispatchNotice))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(CancelAccepted))]
[JsonSerializable(typeof(OrderView))]
public sealed partial class OrdersJsonContext : JsonSerializerContext;
