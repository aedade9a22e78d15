namespace Portable.Adapters.Aws.Api;

/// <summary>The <c>requestContext</c> of an HTTP API 2.0 event.</summary>
public sealed record HttpApiRequestContext(string? Stage, string? DomainName, HttpApiHttpDescription? Http);
