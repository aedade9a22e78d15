namespace Portable.Core.Http;

/// <summary>The one table of routes that every host maps.</summary>
public sealed class RouteTable
{
    public RouteTable(IEnumerable<ApiRoute> routes)
    {
        Routes = routes.ToArray();

        // A set rather than a grouping: the table is built in every cold start, and the grouping's lookup tables cost a
        // native one about 0.2 ms.
        var seen = new HashSet<(string Method, string Template, bool Prefixed)>();
        foreach (var route in Routes)
        {
            if (!seen.Add((route.Method, route.Template.ToUpperInvariant(), route.Prefixed)))
            {
                throw new ArgumentException($"Route {route.Method} {route.Template.ToUpperInvariant()} is defined twice.", nameof(routes));
            }
        }
    }

    public IReadOnlyList<ApiRoute> Routes { get; }

    /// <summary>Finds the route for a path below the prefix (or the root, for unprefixed routes).</summary>
    public RouteMatch Match(string method, string path, bool prefixed = true)
    {
        path = path.TrimStart('/');
        List<string>? allowed = null;
        foreach (var route in Routes)
        {
            if (route.Prefixed != prefixed || !route.Parsed.TryMatch(path, out var values))
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteMatch(route, values, []);
            }

            (allowed ??= []).Add(route.Method);
        }

        return new RouteMatch(null, new Dictionary<string, string>(), allowed ?? []);
    }
}
