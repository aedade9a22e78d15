using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Json;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Http;

namespace Portable.Adapters.Aws.Authorizer;

/// <summary>
/// The <c>authorizer</c> handler: the seed's token authorizer, deciding with the same
/// <see cref="ApiAuthenticator.IdentityForToken"/> that every host uses. HTTP API 2.0 events get a
/// simple response; TOKEN and 1.0 REQUEST events an IAM policy. The identity goes along as context.
/// </summary>
public sealed partial class TokenAuthorizerHandler(ApiAuthenticator authenticator, ILogger<TokenAuthorizerHandler> logger) : ILambdaHandler
{
    public const string IdentityKey = "identity";

    public Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(payload.Span, AwsJsonContext.Default.AuthorizerRequest) ?? throw new JsonException("The event is null.");
        var identity = authenticator.IdentityForToken(Token(request));
        var resource = request.RouteArn ?? request.MethodArn;
        if (identity is null)
        {
            LogDenied(logger, resource);
        }
        else
        {
            LogAllowed(logger, resource);
        }

        var contextValues = identity is null ? null : new Dictionary<string, string> { [IdentityKey] = identity };
        var answer = request.Version == "2.0"
            ? JsonSerializer.SerializeToUtf8Bytes(new SimpleAuthorizerResponse(identity is not null, contextValues), AwsJsonContext.Default.SimpleAuthorizerResponse)
            : JsonSerializer.SerializeToUtf8Bytes(Policy(identity, request.MethodArn, contextValues), AwsJsonContext.Default.PolicyResponse);
        return Task.FromResult(answer);
    }

    /// <summary>
    /// The policy covers every method and path of the stage, not just the called one: API Gateway caches
    /// it per token, and a policy for one route would deny the token's next call to another.
    /// </summary>
    public static string PolicyResource(string? methodArn)
    {
        // arn:aws:execute-api:region:account:api-id/stage/METHOD/resource/path
        var parts = methodArn?.Split('/');
        return parts is { Length: >= 2 } ? $"{parts[0]}/{parts[1]}/*/*" : methodArn ?? "*";
    }

    private static PolicyResponse Policy(string? identity, string? methodArn, Dictionary<string, string>? contextValues) =>
        new(
            identity ?? "anonymous",
            new PolicyDocument("2012-10-17", [new PolicyStatement("execute-api:Invoke", identity is null ? "Deny" : "Allow", PolicyResource(methodArn))]),
            contextValues);

    private static string? Token(AuthorizerRequest request)
    {
        if (request.AuthorizationToken is not null)
        {
            return request.AuthorizationToken;
        }

        // 2.0 headers are lower-case; 1.0 headers keep the client's case.
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string?>())
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token accepted for {Resource}")]
    private static partial void LogAllowed(ILogger logger, string? resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token refused for {Resource}")]
    private static partial void LogDenied(ILogger logger, string? resource);
}
