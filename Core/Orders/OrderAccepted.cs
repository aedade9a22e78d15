using System.Text.Json.Serialization;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// The 202 answer to a new order, in the shape of Durable Functions' check-status response: the instance's links at the
/// top level, where Durable Functions clients read them, with the order's message and id beside them.
/// </summary>
public sealed record OrderAccepted(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("orderId")] string OrderId,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri)
{
    public static OrderAccepted Of(string message, WorkflowLinks links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return new(message, links.Id, links.Id, links.StatusQueryGetUri, links.SendEventPostUri, links.TerminatePostUri,
            links.SuspendPostUri, links.ResumePostUri, links.PurgeHistoryDeleteUri);
    }
}
