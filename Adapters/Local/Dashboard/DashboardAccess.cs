using Portable.Core.Http;

namespace Portable.Adapters.Local.Dashboard;

/// <summary>
/// The dashboard's gate: an operator key, checked by the same <see cref="ApiAuthenticator"/> and policy as the
/// management API (missing 401, wrong 403), and for state changes a refusal of anything a browser marks as sent from
/// another site (<c>Sec-Fetch-Site</c>, or an <c>Origin</c> that is not this host's).
/// </summary>
internal static class DashboardAccess
{
    public static async ValueTask<object?> RequireOperatorAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var request = new ApiRequest
        {
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "",
            BaseUri = new Uri("http://localhost"),
            Query = StringValuesView.Query(context.Request),
            Headers = StringValuesView.Headers(context.Request),
        };
        var auth = context.RequestServices.GetRequiredService<ApiAuthenticator>().Authenticate(AuthPolicy.Operator, request);
        if (!auth.Succeeded)
        {
            return DashboardEndpoints.Problem(ProblemDetails.For(auth.StatusCode, auth.StatusCode == 401 ? "Authentication required." : "Forbidden.",
                auth.Reason + " Open the dashboard as /dashboard?code=<operator key>."));
        }

        if (!HttpMethods.IsGet(context.Request.Method) && IsCrossSite(context.Request))
        {
            return DashboardEndpoints.Problem(ProblemDetails.For(403, "Forbidden.", "The dashboard takes no state change from another site."));
        }

        return await next(invocation);
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
