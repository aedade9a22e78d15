using System.Text;
using System.Text.Json.Nodes;

namespace Portable.Aws.Tests.Events;

/// <summary>Builds API Gateway proxy events in the documented formats, as API Gateway would send them.</summary>
public static class ApiEvents
{
    public const string Domain = "r3pmxmplak.execute-api.us-east-2.amazonaws.com";

    /// <summary>An HTTP API payload 2.0 event; <paramref name="path"/> may carry a query string.</summary>
    public static string V2(string method, string path, IReadOnlyDictionary<string, string>? headers = null, string? body = null, string stage = "$default", bool base64 = false)
    {
        var (rawPath, rawQuery) = Split(path);
        var allHeaders = new JsonObject { ["host"] = Domain, ["x-forwarded-proto"] = "https" };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            allHeaders[name.ToLowerInvariant()] = value;
        }

        var query = new JsonObject();
        foreach (var group in Parameters(rawQuery).GroupBy(pair => pair.Key))
        {
            query[group.Key] = string.Join(',', group.Select(pair => pair.Value));
        }

        var fullPath = stage == "$default" ? rawPath : "/" + stage + rawPath;
        var node = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = fullPath,
            ["rawQueryString"] = rawQuery,
            ["headers"] = allHeaders,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["apiId"] = "r3pmxmplak",
                ["domainName"] = Domain,
                ["http"] = new JsonObject { ["method"] = method, ["path"] = fullPath, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.24" },
                ["requestId"] = Guid.NewGuid().ToString("N"),
                ["routeKey"] = "$default",
                ["stage"] = stage,
                ["timeEpoch"] = 1795615512000,
            },
            ["isBase64Encoded"] = base64,
        };
        if (query.Count > 0)
        {
            node["queryStringParameters"] = query;
        }

        if (body is not null)
        {
            node["body"] = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;
        }

        return node.ToJsonString();
    }

    /// <summary>A REST API (payload 1.0) proxy event.</summary>
    public static string V1(string method, string path, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        var (rawPath, rawQuery) = Split(path);
        var single = new JsonObject { ["Host"] = Domain, ["X-Forwarded-Proto"] = "https" };
        var multi = new JsonObject { ["Host"] = new JsonArray(Domain), ["X-Forwarded-Proto"] = new JsonArray("https") };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            single[name] = value;
            multi[name] = new JsonArray(value);
        }

        var parameters = Parameters(rawQuery).ToList();
        JsonNode? query = null;
        JsonNode? multiQuery = null;
        if (parameters.Count > 0)
        {
            query = new JsonObject(parameters.GroupBy(pair => pair.Key).Select(group => KeyValuePair.Create(group.Key, (JsonNode?)group.Last().Value)));
            multiQuery = new JsonObject(parameters.GroupBy(pair => pair.Key)
                .Select(group => KeyValuePair.Create(group.Key, (JsonNode?)new JsonArray(group.Select(pair => (JsonNode?)pair.Value).ToArray()))));
        }

        return new JsonObject
        {
            ["resource"] = "/{proxy+}",
            ["path"] = Uri.UnescapeDataString(rawPath),
            ["httpMethod"] = method,
            ["headers"] = single,
            ["multiValueHeaders"] = multi,
            ["queryStringParameters"] = query,
            ["multiValueQueryStringParameters"] = multiQuery,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["apiId"] = "b8xmplnyq3",
                ["domainName"] = Domain,
                ["httpMethod"] = method,
                ["requestId"] = Guid.NewGuid().ToString(),
                ["stage"] = "prod",
                ["path"] = "/prod" + Uri.UnescapeDataString(rawPath),
            },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        }.ToJsonString();
    }

    private static (string Path, string Query) Split(string path)
    {
        var mark = path.IndexOf('?', StringComparison.Ordinal);
        return mark < 0 ? (path, "") : (path[..mark], path[(mark + 1)..]);
    }

    private static IEnumerable<KeyValuePair<string, string>> Parameters(string rawQuery) =>
        rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(pair => KeyValuePair.Create(Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : ""));
}
