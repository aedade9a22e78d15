using System.Text.Json.Serialization;

namespace Portable.Core.Orders;

/// <summary>
/// Source-generated JSON for the order types: camelCase like every answer of the API, read case-insensitively so a
/// queue message or a request written with seed 002's PascalCase names still reads.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true, UseStringEnumConverter = true)]
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
