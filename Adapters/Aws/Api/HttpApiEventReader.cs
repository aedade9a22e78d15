using System.Text.Json;
using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Api;

/// <summary>Reads an HTTP API 2.0 event, the api function's every invocation, without the serializer (<see cref="EventJson"/>).</summary>
public static class HttpApiEventReader
{
    public static HttpApiRequest Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        EventJson.Begin(ref reader);
        string? version = null, rawPath = null, body = null;
        IReadOnlyList<string>? cookies = null;
        IReadOnlyDictionary<string, string>? headers = null, query = null;
        HttpApiRequestContext? context = null;
        var base64 = false;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "version"u8)) { version = EventJson.String(ref reader, "version"); }
            else if (EventJson.Is(ref reader, "rawPath"u8)) { rawPath = EventJson.String(ref reader, "rawPath"); }
            else if (EventJson.Is(ref reader, "cookies"u8)) { cookies = EventJson.Strings(ref reader, "cookies"); }
            else if (EventJson.Is(ref reader, "headers"u8)) { headers = EventJson.StringMap(ref reader, "headers"); }
            else if (EventJson.Is(ref reader, "queryStringParameters"u8)) { query = EventJson.StringMap(ref reader, "queryStringParameters"); }
            else if (EventJson.Is(ref reader, "requestContext"u8)) { context = RequestContext(ref reader); }
            else if (EventJson.Is(ref reader, "body"u8)) { body = EventJson.String(ref reader, "body"); }
            else if (EventJson.Is(ref reader, "isBase64Encoded"u8)) { base64 = EventJson.Boolean(ref reader, "isBase64Encoded"); }
            else { EventJson.Skip(ref reader); }
        }

        EventJson.End(ref reader);
        return new HttpApiRequest(version, rawPath, cookies, headers, query, context, body, base64);
    }

    private static HttpApiRequestContext? RequestContext(ref Utf8JsonReader reader)
    {
        if (!EventJson.StartObject(ref reader, "requestContext"))
        {
            return null;
        }

        string? stage = null, domainName = null;
        HttpApiHttpDescription? http = null;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "stage"u8)) { stage = EventJson.String(ref reader, "requestContext.stage"); }
            else if (EventJson.Is(ref reader, "domainName"u8)) { domainName = EventJson.String(ref reader, "requestContext.domainName"); }
            else if (EventJson.Is(ref reader, "http"u8)) { http = Http(ref reader); }
            else { EventJson.Skip(ref reader); }
        }

        return new HttpApiRequestContext(stage, domainName, http);
    }

    private static HttpApiHttpDescription? Http(ref Utf8JsonReader reader)
    {
        if (!EventJson.StartObject(ref reader, "requestContext.http"))
        {
            return null;
        }

        string? method = null, path = null;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "method"u8)) { method = EventJson.String(ref reader, "requestContext.http.method"); }
            else if (EventJson.Is(ref reader, "path"u8)) { path = EventJson.String(ref reader, "requestContext.http.path"); }
            else { EventJson.Skip(ref reader); }
        }

        return new HttpApiHttpDescription(method, path);
    }
}
