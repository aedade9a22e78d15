namespace Portable.Core.Http;

/// <summary>The one table of routes that every host maps.</summary>
public sealed class RouteTable
{
    public RouteTable(IEnumerable<ApiRoute> routes)
    {
        Routes = routes.ToArray();
        var duplicate = Routes.GroupBy(route => (route.Method, route.Template.ToUpperInvariant(), route.Prefixed)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Route {duplicate.Key.Method} {duplicate.Key.Item2} is defined twice.", nameof(routes));
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
