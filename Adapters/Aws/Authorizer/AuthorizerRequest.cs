using Portable.Adapters.Aws.Api;

namespace Portable.Adapters.Aws.Authorizer;

/// <summary>
/// A Lambda authorizer event, in any of its shapes (only the fields this host reads): HTTP API 2.0
/// (<c>version</c> 2.0, <c>routeArn</c>, lower-case <c>headers</c>, <c>rawPath</c>, <c>queryStringParameters</c>,
/// <c>requestContext</c>), REST TOKEN (<c>type</c> TOKEN, <c>authorizationToken</c>, <c>methodArn</c>), and REST or
/// HTTP API 1.0 REQUEST (<c>headers</c>, <c>methodArn</c>).
/// </summary>
public sealed record AuthorizerRequest(
    string? Version,
    string? Type,
    string? AuthorizationToken,
    string? MethodArn,
    string? RouteArn,
    IReadOnlyDictionary<string, string?>? Headers,
    string? RawPath = null,
    IReadOnlyDictionary<string, string>? QueryStringParameters = null,
    HttpApiRequestContext? RequestContext = null);
