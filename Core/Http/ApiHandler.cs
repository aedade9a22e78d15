namespace Portable.Core.Http;

/// <summary>A route's handler, an instance method of its endpoint group: parse the request, call the service, map the result.</summary>
public delegate ValueTask<ApiResponse> ApiHandler(ApiRequest request, CancellationToken cancellationToken);
