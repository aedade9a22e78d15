namespace Portable.Adapters.Aws.Api;

/// <summary>The proxy integration's answer; both payload formats take this shape.</summary>
public sealed record ProxyResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body, bool IsBase64Encoded);
