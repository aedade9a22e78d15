using System.Text.Json;
using System.Text.Json.Nodes;
using Portable.Core.Http;
using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;

namespace Portable.Functions.Http;

/// <summary>
/// Swaps the workflow links in Core's 202 answers for the ones Durable Functions gives
/// (<c>CreateHttpManagementPayload</c>): the same shape and names, plus the task hub, connection and system key
/// that the Durable Functions status API needs in Azure. The body stays Core's, so there is one copy of every
/// answer; only the links (and a <c>Location</c> header that pointed at one) change.
/// </summary>
public static class ManagementLinks
{
    private static readonly byte[] Marker = "\"statusQueryGetUri\""u8.ToArray();

    public static ApiResponse Rewrite(ApiResponse response, Func<string, WorkflowLinks> linksFor)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(linksFor);
        if (response.StatusCode != 202 || response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true
            || response.Body.Span.IndexOf(Marker) < 0)
        {
            return response;
        }

        var root = JsonNode.Parse(response.Body.Span);
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        Visit(root, linksFor, replaced);
        if (replaced.Count == 0)
        {
            return response;
        }

        var rewritten = ApiResponse.RawJson(response.StatusCode, JsonSerializer.SerializeToUtf8Bytes(root, ManagementLinksJsonContext.Default.JsonNode));
        foreach (var (name, value) in response.Headers)
        {
            rewritten.WithHeader(name, string.Equals(name, "Location", StringComparison.OrdinalIgnoreCase) && replaced.TryGetValue(value, out var location) ? location : value);
        }

        return rewritten;
    }

    /// <summary>Core's links object is recognised by its shape: an <c>id</c> and a <c>statusQueryGetUri</c>.</summary>
    private static void Visit(JsonNode? node, Func<string, WorkflowLinks> linksFor, Dictionary<string, string> replaced)
    {
        switch (node)
        {
            case JsonObject obj when obj["id"] is JsonValue id && id.TryGetValue<string>(out var instanceId)
                                     && obj["statusQueryGetUri"] is JsonValue status && status.TryGetValue<string>(out var oldStatus):
                var links = linksFor(instanceId);
                var fresh = JsonSerializer.SerializeToNode(links, ManagementJsonContext.Default.WorkflowLinks)!.AsObject();
                foreach (var (name, value) in fresh)
                {
                    obj[name] = value?.DeepClone();
                }

                replaced[oldStatus] = links.StatusQueryGetUri;
                break;
            case JsonObject obj:
                foreach (var (_, value) in obj.ToList())
                {
                    Visit(value, linksFor, replaced);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, linksFor, replaced);
                }

                break;
        }
    }
}
