using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Portable.Core.Orders;

/// <summary>
/// Reads a status change's result as written now, and as the plain <c>true</c> or <c>false</c> that the activity returned
/// before cancel requests were recorded: an order whose workflow was in flight at the upgrade replays its history.
/// </summary>
public sealed class OrderStatusChangeResultConverter : JsonConverter<OrderStatusChangeResult>
{
    public override OrderStatusChangeResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return new OrderStatusChangeResult(Changed: true);
            case JsonTokenType.False:
                return new OrderStatusChangeResult(Changed: false);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException($"A status change's result is an object or a boolean, not {reader.TokenType}.");
        }

        var changed = false;
        CancelRequest? cancel = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, nameof(OrderStatusChangeResult.Changed), StringComparison.OrdinalIgnoreCase))
            {
                changed = reader.GetBoolean();
            }
            else if (string.Equals(name, nameof(OrderStatusChangeResult.CancelRequested), StringComparison.OrdinalIgnoreCase))
            {
                cancel = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize(ref reader, CancelRequestInfo(options));
            }
            else
            {
                reader.Skip();
            }
        }

        return new OrderStatusChangeResult(changed, cancel);
    }

    public override void Write(Utf8JsonWriter writer, OrderStatusChangeResult value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteBoolean(Name(nameof(OrderStatusChangeResult.Changed), options), value.Changed);
        writer.WritePropertyName(Name(nameof(OrderStatusChangeResult.CancelRequested), options));
        if (value.CancelRequested is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, value.CancelRequested, CancelRequestInfo(options));
        }

        writer.WriteEndObject();
    }

    // Written in the naming of the options in use (camelCase in workflow histories and answers), read in any case.
    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static JsonTypeInfo<CancelRequest> CancelRequestInfo(JsonSerializerOptions options) =>
        options.TryGetTypeInfo(typeof(CancelRequest), out var info) && info is JsonTypeInfo<CancelRequest> typed
            ? typed
            : OrdersJsonContext.Default.CancelRequest;
}
