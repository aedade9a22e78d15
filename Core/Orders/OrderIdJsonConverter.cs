using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Core.Orders;

/// <summary>Writes an order id as its plain string, and refuses a malformed one when reading.</summary>
public sealed class OrderIdJsonConverter : JsonConverter<OrderId>
{
    public override OrderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        OrderId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("An order id is 'ORD' followed by seven digits.");

    public override void Write(Utf8JsonWriter writer, OrderId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
