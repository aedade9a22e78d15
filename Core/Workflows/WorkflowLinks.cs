using System.Text.Json.Serialization;

namespace Portable.Core.Workflows;

/// <summary>The management links of an instance, as the Durable Functions HTTP API gives them in a 202 answer.</summary>
public sealed record WorkflowLinks(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri)
{
    public const string BasePath = "runtime/webhooks/durabletask";

    public static WorkflowLinks For(Uri baseUri, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var instance = $"{baseUri.GetLeftPart(UriPartial.Authority)}/{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        return new WorkflowLinks(
            instanceId,
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}",
            instance);
    }
}
