namespace Portable.Adapters.Aws.Api;

/// <summary>The <c>requestContext.http</c> of an HTTP API 2.0 event.</summary>
public sealed record HttpApiHttpDescription(string? Method, string? Path);
