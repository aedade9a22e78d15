using System.Text.Json.Serialization;

namespace Portable.Core.Orders;

/// <summary>The order lifecycle of seed 002; only <see cref="Order"/> moves an order between them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("PROCESSING")]
    Processing,

    [JsonStringEnumMemberName("PLACED")]
    Placed,

    [JsonStringEnumMemberName("FAILED")]
    Failed,

    [JsonStringEnumMemberName("IN_TRANSIT")]
    InTransit,

    [JsonStringEnumMemberName("COMPLETED")]
    Completed,

    [JsonStringEnumMemberName("CANCELLED")]
    Cancelled,
}
