using System.Text;
using Portable.Core.Http;

namespace Portable.Adapters.Aws.Api;

/// <summary>
/// Translates API Gateway proxy events into Core's <see cref="ApiRequest"/> and Core's
/// <see cref="ApiResponse"/> into the proxy response, the way the embedded host translates ASP.NET's:
/// the path below the route prefix, decoded query values, headers with repeated values joined by
/// commas, and the body limit of <see cref="ApiLimits"/>.
/// </summary>
public static class ApiEventMapper
{
    private const string DefaultStage = "$default";

    public static RoutedRequest FromHttpApi(HttpApiRequest request, string routePrefix, string? traceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.RequestContext?.Http?.Method ?? throw new FormatException("The HTTP API event has no requestContext.http.method.");
        var path = request.RawPath ?? request.RequestContext.Http.Path ?? "/";

        // rawPath keeps a named stage in front of the route; $default has none.
        if (request.RequestContext.Stage is { Length: > 0 } stage && stage != DefaultStage)
        {
            var stagePrefix = "/" + stage;
            if (path == stagePrefix || path.StartsWith(stagePrefix + "/", StringComparison.Ordinal))
            {
                path = path.Length == stagePrefix.Length ? "/" : path[stagePrefix.Length..];
            }
        }

        var headers = new Dictionary<string, string>(request.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        if (request.Cookies is { Count: > 0 } cookies && !headers.ContainsKey("cookie"))
        {
            headers["cookie"] = string.Join("; ", cookies);
        }

        var query = new Dictionary<string, string>(request.QueryStringParameters ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        return Route(method, path, routePrefix, headers, query, request.Body, request.IsBase64Encoded, request.RequestContext.DomainName, traceId);
    }

    public static RoutedRequest FromRestApi(RestApiRequest request, string routePrefix, string? traceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.HttpMethod ?? throw new FormatException("The REST API event has no httpMethod.");

        // 1.0 events carry the decoded path; escaping each segment again lets the route table decode it once, as for 2.0.
        var path = string.Join('/', (request.Path ?? "/").Split('/').Select(Uri.EscapeDataString));
        var headers = Join(request.MultiValueHeaders, request.Headers);
        var query = Join(request.MultiValueQueryStringParameters, request.QueryStringParameters);
        return Route(method, path, routePrefix, headers, query, request.Body, request.IsBase64Encoded, request.RequestContext?.DomainName, traceId);
    }

    public static ProxyResponse ToProxyResponse(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
        if (response.ContentType is not null)
        {
            headers["Content-Type"] = response.ContentType;
        }

        if (response.Body.IsEmpty)
        {
            return new ProxyResponse(response.StatusCode, headers, "", IsBase64Encoded: false);
        }

        return IsText(response.ContentType)
            ? new ProxyResponse(response.StatusCode, headers, Encoding.UTF8.GetString(response.Body.Span), IsBase64Encoded: false)
            : new ProxyResponse(response.StatusCode, headers, Convert.ToBase64String(response.Body.Span), IsBase64Encoded: true);
    }

    /// <summary>Splits off the route prefix as the embedded host does: <c>/api/x</c> is <c>x</c> among the prefixed routes, anything else a root route.</summary>
    public static (string Path, bool Prefixed) SplitPrefix(string path, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(routePrefix);
        if (routePrefix.Length > 0)
        {
            var head = "/" + routePrefix;
            if (path.Equals(head, StringComparison.OrdinalIgnoreCase))
            {
                return ("", true);
            }

            if (path.StartsWith(head + "/", StringComparison.OrdinalIgnoreCase))
            {
                return (path[(head.Length + 1)..], true);
            }
        }

        return (path.TrimStart('/'), routePrefix.Length == 0);
    }

    private static RoutedRequest Route(
        string method, string rawPath, string routePrefix, Dictionary<string, string> headers, Dictionary<string, string> query,
        string? body, bool isBase64Encoded, string? domainName, string? traceId)
    {
        var (path, prefixed) = SplitPrefix(rawPath, routePrefix);
        var bytes = body is null ? [] : isBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
        var tooLarge = bytes.Length > ApiLimits.MaxBodyBytes;
        var request = new ApiRequest
        {
            Method = method.ToUpperInvariant(),
            Path = path,
            BaseUri = BaseUri(domainName),
            Query = query,
            Headers = headers,
            Body = tooLarge ? ReadOnlyMemory<byte>.Empty : bytes,
            BodyTooLarge = tooLarge,
            TraceId = traceId,
        };
        return new RoutedRequest(request, prefixed);
    }

    /// <summary>
    /// Links in answers point at the API's domain as API Gateway reports it, never at a Host header the client chose
    /// (<c>Http:PublicBaseUrl</c>, for a custom domain, takes precedence in Core).
    /// </summary>
    private static Uri BaseUri(string? domainName) =>
        domainName is { Length: > 0 } && Uri.TryCreate($"https://{domainName}", UriKind.Absolute, out var uri) ? uri : new Uri("https://localhost");

    private static Dictionary<string, string> Join(IReadOnlyDictionary<string, IReadOnlyList<string>?>? multiValue, IReadOnlyDictionary<string, string?>? single)
    {
        var joined = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in single ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                joined[name] = value;
            }
        }

        foreach (var (name, values) in multiValue ?? new Dictionary<string, IReadOnlyList<string>?>())
        {
            if (values is { Count: > 0 })
            {
                joined[name] = string.Join(',', values);
            }
        }

        return joined;
    }

    private static bool IsText(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }
}
