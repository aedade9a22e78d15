using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Json;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Http;

namespace Portable.Adapters.Aws.Authorizer;

/// <summary>
/// The <c>operator-authorizer</c> handler, in front of the management API (HTTP API 2.0 REQUEST events, simple
/// responses). It asks Core what Core's dispatcher would decide: the route the request names, and that route's policy
/// against the request's credentials, so it admits an operator key (<c>x-functions-key</c> or <c>?code=</c>) and, on an
/// instance's status alone, that instance's per-instance code. Customers' bearer tokens never pass it. Its decision
/// depends on the path, so the template turns its caching off.
/// </summary>
public sealed partial class OperatorAuthorizerHandler(
    ApiDispatcher dispatcher, LambdaOptions options, ILogger<OperatorAuthorizerHandler> logger) : ILambdaHandler
{
    public Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(payload.Span, AwsJsonContext.Default.AuthorizerRequest) ?? throw new JsonException("The event is null.");
        var identity = Decide(request);
        if (identity is null)
        {
            LogDenied(logger, request.RouteArn);
        }
        else
        {
            LogAllowed(logger, request.RouteArn);
        }

        var answer = new SimpleAuthorizerResponse(
            identity is not null, identity is null ? null : new Dictionary<string, string> { [TokenAuthorizerHandler.IdentityKey] = identity });
        return Task.FromResult(JsonSerializer.SerializeToUtf8Bytes(answer, AwsJsonContext.Default.SimpleAuthorizerResponse));
    }

    private string? Decide(AuthorizerRequest request)
    {
        var method = request.RequestContext?.Http?.Method;
        if (method is null || request.RawPath is null)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                headers[name] = value;
            }
        }

        var routed = ApiEventMapper.FromHttpApi(
            new HttpApiRequest("2.0", request.RawPath, null, headers, request.QueryStringParameters, request.RequestContext, null, false),
            options.RoutePrefix,
            null);
        var (route, auth) = dispatcher.Authorize(routed.Request, routed.Prefixed);
        return route is { Policy: AuthPolicy.Operator or AuthPolicy.InstanceStatus } && auth.Succeeded ? auth.Identity : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator credential accepted for {Resource}")]
    private static partial void LogAllowed(ILogger logger, string? resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator credential refused for {Resource}")]
    private static partial void LogDenied(ILogger logger, string? resource);
}
