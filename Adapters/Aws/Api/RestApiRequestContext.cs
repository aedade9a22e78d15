namespace Portable.Adapters.Aws.Api;

/// <summary>The <c>requestContext</c> of a 1.0 proxy event.</summary>
public sealed record RestApiRequestContext(string? DomainName);
