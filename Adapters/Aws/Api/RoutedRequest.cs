using Portable.Core.Http;

namespace Portable.Adapters.Aws.Api;

/// <summary>An event turned into Core's request, and whether its path was under the route prefix.</summary>
public sealed record RoutedRequest(ApiRequest Request, bool Prefixed);
