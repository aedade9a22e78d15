namespace Portable.Core.Home;

/// <summary>The answer of <c>GET /</c>: where to go from the root of a host.</summary>
public sealed record HomeAnswer(string Name, IReadOnlyList<HomeLink> Links);
