namespace Portable.Core.Http;

/// <summary>The result of looking a request up in the route table.</summary>
/// <param name="Route">The matched route, or null when none matched.</param>
/// <param name="Values">Route values of the match.</param>
/// <param name="AllowedMethods">For a path that exists under other methods, those methods (405).</param>
public sealed record RouteMatch(ApiRoute? Route, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> AllowedMethods);
