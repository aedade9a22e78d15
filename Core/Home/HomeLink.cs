namespace Portable.Core.Home;

/// <summary>One link of <c>GET /</c>: what a host serves besides the API, registered by the host that serves it.</summary>
/// <param name="Rel">A stable name for clients (<c>dashboard</c>, <c>apiReference</c>, <c>health</c>).</param>
/// <param name="Title">What a person reads.</param>
/// <param name="Href">The path from the host's root.</param>
public sealed record HomeLink(string Rel, string Title, string Href);
