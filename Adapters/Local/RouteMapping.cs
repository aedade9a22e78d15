using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portable.Core.Http;

namespace Portable.Adapters.Local;

/// <summary>
/// Maps Core's route table onto ASP.NET Core endpoints, one endpoint per route. Handlers get the application's
/// services: Core registers no scoped service, so a request opens no service scope of its own.
/// </summary>
internal static class RouteMapping
{
    public static void MapRouteTable(this IEndpointRouteBuilder endpoints, RouteTable table, string prefix)
    {
        var services = endpoints.ServiceProvider;
        var dispatcher = services.GetRequiredService<ApiDispatcher>();
        foreach (var route in table.Routes)
        {
            var routePrefix = route.Prefixed && prefix.Length > 0 ? "/" + prefix + "/" : "/";
            var pattern = routePrefix + route.Template.Replace("{*", "{**", StringComparison.Ordinal);
            endpoints.MapMethods(pattern, [route.Method], context => InvokeAsync(context, dispatcher, services, route, routePrefix))
                .WithName(route.Name)
                .WithSummary(route.Summary);
        }

        endpoints.MapFallback(context => FallbackAsync(context, dispatcher, services, prefix));
    }

    private static async Task InvokeAsync(HttpContext context, ApiDispatcher dispatcher, IServiceProvider services, ApiRoute route, string routePrefix)
    {
        var path = context.Request.Path.Value is { } value && value.Length >= routePrefix.Length ? value[routePrefix.Length..] : "";
        var request = await HttpExchange.ReadAsync(context, path, context.RequestAborted);
        var response = await dispatcher.InvokeAsync(route, request, services, context.RequestAborted);
        await HttpExchange.WriteAsync(context, response, context.RequestAborted);
    }

    /// <summary>Unknown paths, and known paths under another method, get the same problem answers as on every host.</summary>
    private static async Task FallbackAsync(HttpContext context, ApiDispatcher dispatcher, IServiceProvider services, string prefix)
    {
        var value = context.Request.Path.Value ?? "/";
        var prefixed = prefix.Length > 0 && value.StartsWith("/" + prefix + "/", StringComparison.OrdinalIgnoreCase);
        var path = prefixed ? value[(prefix.Length + 2)..] : value.TrimStart('/');
        var request = await HttpExchange.ReadAsync(context, path, context.RequestAborted);
        var response = await dispatcher.DispatchAsync(request, services, context.RequestAborted, prefixed);
        await HttpExchange.WriteAsync(context, response, context.RequestAborted);
    }
}
