using System.Text.Json.Serialization;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>The 202 answer to a new order: its id and the links to follow its workflow.</summary>
public sealed record OrderAccepted(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("orderId")] string OrderId,
    [property: JsonPropertyName("links")] WorkflowLinks Links);
