namespace Portable.Core.Http;

/// <summary>
/// Route handlers bound to an endpoint group that is built at the first request one of its routes answers, so the
/// route table can be built without building every service behind it: a Lambda function answering one route in its
/// cold start builds only what that route uses.
/// </summary>
public static class LazyHandler
{
    /// <param name="endpoints">The group, from the container: called once per route, at its first request.</param>
    /// <param name="handler">Picks the route's handler on the built group.</param>
    public static ApiHandler For<TEndpoints>(Func<TEndpoints> endpoints, Func<TEndpoints, ApiHandler> handler)
        where TEndpoints : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);

        // Two first requests racing may both bind; they bind the same singleton's handler, so either result is right.
        ApiHandler? bound = null;
        return (request, cancellationToken) => (bound ??= handler(endpoints()))(request, cancellationToken);
    }
}
