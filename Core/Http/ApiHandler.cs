namespace Portable.Core.Http;

/// <summary>A route's handler: parse the request, call the service, map the result.</summary>
public delegate ValueTask<ApiResponse> ApiHandler(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken);
