namespace Portable.Adapters.Aws.Authorizer;

/// <summary>An HTTP API authorizer's simple response; the context reaches the integration as <c>requestContext.authorizer.lambda</c>.</summary>
public sealed record SimpleAuthorizerResponse(bool IsAuthorized, IReadOnlyDictionary<string, string>? Context);
