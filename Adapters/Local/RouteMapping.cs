using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portable.Core.Http;

namespace Portable.Adapters.Local;

/// <summary>
/// Maps Core's route table onto ASP.NET Core endpoints, one endpoint per route. The handlers are Core's endpoint
/// groups, built with their services: a request only carries itself and its cancellation.
/// </summary>
internal static class RouteMapping
{
    public static void MapRouteTable(this IEndpointRouteBuilder endpoints, RouteTable table, string prefix)
    {
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<ApiDispatcher>();
        foreach (var route in table.Routes)
        {
            var routePrefix = route.Prefixed && prefix.Length > 0 ? "/" + prefix + "/" : "/";
            var pattern = routePrefix + route.Template.Replace("{*", "{**", StringComparison.Ordinal);
            endpoints.MapMethods(pattern, [route.Method], context => InvokeAsync(context, dispatcher, route, routePrefix))
                .WithName(route.Name)
                .WithSummary(route.Summary);
        }

        endpoints.MapFallback(context => FallbackAsync(context, dispatcher, prefix));
    }

    private static async Task InvokeAsync(HttpContext context, ApiDispatcher dispatcher, ApiRoute route, string routePrefix)
    {
        var path = context.Request.Path.Value is { } value && value.Length >= routePrefix.Length ? value[routePrefix.Length..] : "";
        var request = await HttpExchange.ReadAsync(context, path, context.RequestAborted);
        var response = await dispatcher.InvokeAsync(route, request, context.RequestAborted);
        await HttpExchange.WriteAsync(context, response, context.RequestAborted);
    }

    /// <summary>Unknown paths, and known paths under another method, get the same problem answers as on every host.</summary>
    private static async Task FallbackAsync(HttpContext context, ApiDispatcher dispatcher, string prefix)
    {
        var value = context.Request.Path.Value ?? "/";
        var prefixed = prefix.Length > 0 && value.StartsWith("/" + prefix + "/", StringComparison.OrdinalIgnoreCase);
        var path = prefixed ? value[(prefix.Length + 2)..] : value.TrimStart('/');
        var request = await HttpExchange.ReadAsync(context, path, context.RequestAborted);
        var response = await dispatcher.DispatchAsync(request, context.RequestAborted, prefixed);
        await HttpExchange.WriteAsync(context, response, context.RequestAborted);
    }
}
