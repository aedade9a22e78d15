namespace Portable.Core.Http;

/// <summary>One entry of the route table: every host exposes exactly these.</summary>
/// <param name="Name">A stable operation name (function names, OpenAPI operation ids).</param>
/// <param name="Method">The HTTP method in upper case.</param>
/// <param name="Template">The path below the prefix: literals, <c>{name}</c> and a final <c>{*name}</c>.</param>
/// <param name="Policy">Who may call it.</param>
/// <param name="Handler">What answers it.</param>
/// <param name="Prefixed">False for routes served from the root, like the durable management API.</param>
public sealed record ApiRoute(string Name, string Method, string Template, AuthPolicy Policy, ApiHandler Handler, bool Prefixed = true)
{
    internal RouteTemplate Parsed { get; } = RouteTemplate.Parse(Template);

    public string Summary { get; init; } = "";

    /// <summary>The service the route belongs to, grouping it in API descriptions.</summary>
    public string Tag { get; init; } = "";

    /// <summary>The request body as API descriptions show it; null for routes that read none.</summary>
    public ApiBodyDoc? Request { get; init; }

    /// <summary>The route's own answers; <see cref="ApiDocumentation.ResponsesOf"/> adds the dispatcher's.</summary>
    public IReadOnlyList<ApiResponseDoc> Responses { get; init; } = [];

    public IReadOnlyList<ApiParameterDoc> Query { get; init; } = [];

    /// <summary>
    /// What a 401 adds to its detail, for pages a person opens in a browser (the dashboard's): how to give the key
    /// there. Null for routes called by programs, whose 401 says only what is missing.
    /// </summary>
    public string? UnauthenticatedHint { get; init; }

    /// <summary>False for routes that are not part of the API's description (the dashboard's page, assets and data).</summary>
    public bool Documented { get; init; } = true;

    /// <summary>True when the route takes a request body (hosts document and read it).</summary>
    public bool HasBody => Method is "POST" or "PUT" or "PATCH";
}
