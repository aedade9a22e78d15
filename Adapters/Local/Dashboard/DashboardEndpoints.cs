using System.Text;
using System.Text.Json;
using FromServicesAttribute = Microsoft.AspNetCore.Mvc.FromServicesAttribute;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Core.Dashboard;
using Portable.Core.ErrorLogs;
using Portable.Core.Http;
using Portable.Core.Orders;
using Portable.Core.Settings;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Local.Dashboard;

/// <summary>
/// The operator dashboard of the embedded host: a static page and script (embedded in the assembly, no build step)
/// and the few reads and actions the public API does not offer as is. The page also calls the public API directly:
/// the management API (history, terminate, purge) and the quality routes (failed samples, notification retry).
/// The error-log list is read server-side, so the page never holds an error-log key. The page and every read and
/// action take an operator key, checked by the API's own <see cref="ApiAuthenticator"/> (<see cref="DashboardAccess"/>);
/// the page is opened as <c>/dashboard?code=&lt;operator key&gt;</c> and its script sends the key as
/// <c>x-functions-key</c>. No credential is ambient (no cookie), so a cross-site request carries none, and state
/// changes also refuse a request a browser marks as cross-site. Only the static script and styles are public.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Root = "/dashboard";
    private const int MaxRows = 200;

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Order statuses by the names the API writes (IN_TRANSIT, not InTransit).</summary>
    private static readonly Dictionary<string, OrderStatus> OrderStatuses =
        Enum.GetValues<OrderStatus>().ToDictionary(StatusName, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> AssetTypes = new(StringComparer.Ordinal)
    {
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["charts.js"] = "text/javascript; charset=utf-8",
        ["common.js"] = "text/javascript; charset=utf-8",
        ["instance.js"] = "text/javascript; charset=utf-8",
        ["timeline.js"] = "text/javascript; charset=utf-8",
    };

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton<OperationsCharts>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateAtStart();
        return services;
    }

    public static void MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var prefix = FunctionsStyleConfiguration.RoutePrefix(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());
        var page = Page(prefix);
        var assets = AssetTypes.ToDictionary(pair => pair.Key, pair => (Bytes: Resource(pair.Key), Type: pair.Value), StringComparer.Ordinal);
        endpoints.MapGroup(Root).ExcludeFromDescription()
            .MapGet("/{asset}", (string asset) => assets.TryGetValue(asset, out var found) ? Results.Bytes(found.Bytes, found.Type) : Results.NotFound());

        // One page for the lists and for each instance (the script shows what the path names); its scripts and styles
        // come from this host only, and it is never framed.
        IResult PageResult(HttpContext context)
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(page, "text/html; charset=utf-8");
        }
        var group = endpoints.MapGroup(Root).ExcludeFromDescription().AddEndpointFilter(DashboardAccess.RequireOperatorAsync);
        group.MapGet("/", PageResult);
        group.MapGet("/instances/{id}", PageResult);
        group.MapGet("/api/instances", InstancesAsync);
        group.MapGet("/api/orders", OrdersAsync);
        group.MapPost("/api/orders/{id}/cancel", CancelAsync);
        group.MapGet("/api/logs", LogsAsync);
        group.MapGet("/api/charts", ChartsAsync);
    }

    private static async Task<IResult> InstancesAsync(
        [FromServices] IWorkflowClient workflows, [FromServices] DashboardOptions options, [FromServices] TimeProvider time, string? status, string? name, int? limit, CancellationToken cancellationToken)
    {
        var statuses = new List<WorkflowRuntimeStatus>();
        foreach (var part in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<WorkflowRuntimeStatus>(part, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problem(ProblemDetails.Validation(new Dictionary<string, string[]> { ["status"] = [$"'{part}' is not a runtime status."] }));
            }

            statuses.Add(parsed);
        }

        var filter = new WorkflowQuery
        {
            Statuses = statuses.Count > 0 ? statuses : null,
            NamePrefix = string.IsNullOrWhiteSpace(name) ? null : name,
            CreatedFrom = time.GetUtcNow() - options.Window,
        };
        var instances = await RecentInstances.ReadAsync(workflows, filter, Math.Clamp(limit ?? 50, 1, MaxRows), cancellationToken);
        return Results.Json<IReadOnlyList<InstanceSummary>>([.. instances.Select(InstanceSummary.Of)], DashboardJsonContext.Default.IReadOnlyListInstanceSummary);
    }

    /// <summary>
    /// The newest orders of the window from the order store, which holds the truth: the counts are of the newest
    /// <see cref="MaxRows"/>, the list of those in the status asked for.
    /// </summary>
    private static async Task<IResult> OrdersAsync(
        [FromServices] IOrderStore store, [FromServices] DashboardOptions options, [FromServices] TimeProvider time, string? status, int? limit, CancellationToken cancellationToken)
    {
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!OrderStatuses.TryGetValue(status, out var named))
            {
                return Problem(ProblemDetails.Validation(new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not an order status."] }));
            }

            wanted = named;
        }

        var since = time.GetUtcNow() - options.Window;
        var recent = (await store.RecentAsync(null, MaxRows, cancellationToken)).Where(order => order.CreatedAt >= since).ToList();
        var counts = recent.GroupBy(order => StatusName(order.Status)).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var take = Math.Clamp(limit ?? 50, 1, MaxRows);
        var shown = wanted is null ? recent.Take(take) : (await store.RecentAsync(wanted, take, cancellationToken)).Where(order => order.CreatedAt >= since);
        return Results.Json(new OrderBoard(counts, [.. shown.Select(DashboardOrder.Of)]), DashboardJsonContext.Default.OrderBoard);
    }

    /// <summary>Cancels through Core's order service, as the operator configured in <c>Dashboard:Operator</c>.</summary>
    private static async Task<IResult> CancelAsync(string id, [FromServices] OrderCancellation cancellation, [FromServices] DashboardOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await cancellation.CancelAsync(id, options.Operator, cancellationToken);
            return Results.Json(accepted, DashboardJsonContext.Default.CancelAccepted, statusCode: 202);
        }
        catch (NotFoundException exception)
        {
            return Problem(ProblemDetails.For(404, "Not found.", exception.Message));
        }
        catch (ConflictException exception)
        {
            return Problem(ProblemDetails.For(409, "Conflict.", exception.Message));
        }
    }

    private static async Task<IResult> LogsAsync([FromServices] IErrorLogStore store, string? device, CancellationToken cancellationToken)
    {
        var logs = await store.RecentAsync(string.IsNullOrWhiteSpace(device) ? null : device.Trim(), 20, cancellationToken);
        return Results.Json(logs, DashboardJsonContext.Default.IReadOnlyListStoredErrorLog);
    }

    /// <summary>The charts of the last <c>minutes</c> (default 60, at most a day).</summary>
    private static async Task<IResult> ChartsAsync([FromServices] OperationsCharts charts, int? minutes, CancellationToken cancellationToken)
    {
        if (minutes is < 1 or > 1440)
        {
            return Problem(ProblemDetails.Validation(new Dictionary<string, string[]> { ["minutes"] = ["must be from 1 to 1440."] }));
        }

        var view = await charts.ReadAsync(TimeSpan.FromMinutes(minutes ?? 60), cancellationToken);
        return Results.Json(view, DashboardJsonContext.Default.ChartsView);
    }

    /// <summary>The status as the API writes it (IN_TRANSIT, not InTransit).</summary>
    private static string StatusName(OrderStatus status) => JsonSerializer.Serialize(status, OrdersJsonContext.Default.OrderStatus).Trim('"');

    internal static IResult Problem(ProblemDetails problem)
    {
        var response = ApiResponse.Problem(problem);
        return Results.Text(Encoding.UTF8.GetString(response.Body.Span), response.ContentType, Encoding.UTF8, response.StatusCode);
    }

    /// <summary>The page with the API's route prefix filled in, so the script calls the routes where this host serves them.</summary>
    private static byte[] Page(string prefix)
    {
        var html = Encoding.UTF8.GetString(Resource("index.html"));
        var apiBase = prefix.Length > 0 ? "/" + prefix : "";
        return Encoding.UTF8.GetBytes(html.Replace("{{API_BASE}}", apiBase, StringComparison.Ordinal)
            .Replace("{{MANAGEMENT_BASE}}", "/" + WorkflowLinks.BasePath, StringComparison.Ordinal));
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
