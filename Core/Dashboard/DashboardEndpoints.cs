using System.Globalization;
using System.Text.Json;
using Portable.Core.Http;
using Portable.Core.Orders;
using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>
/// The operator dashboard, for every host: a static page and scripts (embedded in Core, no build step) and the few
/// reads and actions the public API does not offer as is. The page also calls the public API directly: the management
/// API (history, actions) and the quality routes. The error-log list is read server-side, so the page never holds an
/// error-log key. The page and every read and action take an operator key (<see cref="AuthPolicy.Operator"/>, checked
/// by the dispatcher as on every route); the page is opened as <c>/dashboard?code=&lt;operator key&gt;</c> and its
/// script sends the key as <c>x-functions-key</c>. No credential is ambient (no cookie), so a cross-site request
/// carries none, and the state change also refuses a request a browser marks as cross-site. Only the scripts and
/// styles are public. The routes are served from the root, and left out of the API's description.
/// </summary>
public sealed class DashboardEndpoints(Lazy<DashboardServices> services)
{
    public const string Root = "dashboard";
    private const int MaxRows = 200;

    /// <summary>What a 401 of the page says, since a person opening it in a browser can send no header.</summary>
    /// <summary>The route of the page's scripts and styles, the one dashboard route open to anyone.</summary>
    public const string AssetRoute = "DashboardAsset";

    public const string PageHint = "Open the dashboard with the key in its address: /dashboard?code=<operator key>.";

    /// <summary>Order statuses by the names the API writes (IN_TRANSIT, not InTransit).</summary>
    private static readonly Dictionary<string, OrderStatus> OrderStatuses =
        Enum.GetValues<OrderStatus>().ToDictionary(StatusName, StringComparer.OrdinalIgnoreCase);

    private readonly Lazy<byte[]> _page = new(() => DashboardAssets.Page(services.Value.RoutePrefix, services.Value.DashboardBase, services.Value.ApiReference));

    public static IEnumerable<ApiRoute> Routes(Func<DashboardEndpoints> endpoints)
    {
        yield return Route("DashboardPage", "GET", Root, AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.PageAsync)) with { UnauthenticatedHint = PageHint };
        yield return Route("DashboardInstancePage", "GET", Root + "/instances/{id}", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.PageAsync)) with { UnauthenticatedHint = PageHint };
        yield return Route(AssetRoute, "GET", Root + "/{asset}", AuthPolicy.Anonymous, AssetAsync);
        yield return Route("DashboardInstances", "GET", Root + "/api/instances", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.InstancesAsync));
        yield return Route("DashboardOrders", "GET", Root + "/api/orders", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.OrdersAsync));
        yield return Route("DashboardCancelOrder", "POST", Root + "/api/orders/{id}/cancel", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.CancelAsync));
        yield return Route("DashboardLogs", "GET", Root + "/api/logs", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.LogsAsync));
        yield return Route("DashboardCharts", "GET", Root + "/api/charts", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.ChartsAsync));
    }

    private static ApiRoute Route(string name, string method, string template, AuthPolicy policy, ApiHandler handler) =>
        new(name, method, template, policy, handler, Prefixed: false) { Documented = false, Summary = "Operator dashboard" };

    private ValueTask<ApiResponse> PageAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ApiResponse.Content(200, _page.Value, DashboardAssets.PageType)
            .WithHeader("Content-Security-Policy", DashboardAssets.ContentSecurityPolicy)
            .WithHeader("X-Content-Type-Options", "nosniff"));

    private static ValueTask<ApiResponse> AssetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DashboardAssets.TryGet(request.Route("asset"), out var contentType, out var bytes)
            ? ApiResponse.Content(200, bytes, contentType).WithHeader("X-Content-Type-Options", "nosniff")
            : ApiResponse.Problem(ProblemDetails.For(404, "Not found.", $"The dashboard has no file '{request.Route("asset")}'.")));

    private async ValueTask<ApiResponse> InstancesAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var statuses = new List<WorkflowRuntimeStatus>();
        foreach (var part in (request.QueryValue("status") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<WorkflowRuntimeStatus>(part, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Invalid("status", $"'{part}' is not a runtime status.");
            }

            statuses.Add(parsed);
        }

        if (!TryInt(request, "limit", 50, out var limit))
        {
            return Invalid("limit", "must be a whole number.");
        }

        var name = request.QueryValue("name");
        var dashboard = services.Value;
        var filter = new WorkflowQuery
        {
            Statuses = statuses.Count > 0 ? statuses : null,
            NamePrefix = string.IsNullOrWhiteSpace(name) ? null : name,
            CreatedFrom = dashboard.Time.GetUtcNow() - dashboard.Options.Window,
        };
        var instances = await RecentInstances.ReadAsync(dashboard.Workflows, filter, Math.Clamp(limit, 1, MaxRows), cancellationToken);
        return ApiResponse.Json<IReadOnlyList<InstanceSummary>>(200, [.. instances.Select(InstanceSummary.Of)], DashboardJsonContext.Default.IReadOnlyListInstanceSummary);
    }

    /// <summary>
    /// The newest orders of the window from the order store, which holds the truth: the counts are of the newest
    /// <see cref="MaxRows"/>, the list of those in the status asked for.
    /// </summary>
    private async ValueTask<ApiResponse> OrdersAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        OrderStatus? wanted = null;
        if (request.QueryValue("status") is { Length: > 0 } status)
        {
            if (!OrderStatuses.TryGetValue(status, out var named))
            {
                return Invalid("status", $"'{status}' is not an order status.");
            }

            wanted = named;
        }

        if (!TryInt(request, "limit", 50, out var limit))
        {
            return Invalid("limit", "must be a whole number.");
        }

        var dashboard = services.Value;
        var since = dashboard.Time.GetUtcNow() - dashboard.Options.Window;
        var recent = (await dashboard.Orders.RecentAsync(null, MaxRows, cancellationToken)).Where(order => order.CreatedAt >= since).ToList();
        var counts = recent.GroupBy(order => StatusName(order.Status)).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var take = Math.Clamp(limit, 1, MaxRows);
        var shown = wanted is null ? recent.Take(take) : (await dashboard.Orders.RecentAsync(wanted, take, cancellationToken)).Where(order => order.CreatedAt >= since);
        return ApiResponse.Json(200, new OrderBoard(counts, [.. shown.Select(DashboardOrder.Of)]), DashboardJsonContext.Default.OrderBoard);
    }

    /// <summary>Cancels through Core's order service, as the operator configured in <c>Dashboard:Operator</c>.</summary>
    private async ValueTask<ApiResponse> CancelAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (IsCrossSite(request))
        {
            return ApiResponse.Problem(ProblemDetails.For(403, "Forbidden.", "The dashboard takes no state change from another site."));
        }

        var dashboard = services.Value;
        var accepted = await dashboard.Cancellation.CancelAsync(request.Route("id"), dashboard.Options.Operator, cancellationToken);
        return ApiResponse.Json(202, accepted, DashboardJsonContext.Default.CancelAccepted);
    }

    private async ValueTask<ApiResponse> LogsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = request.QueryValue("device");
        var logs = await services.Value.ErrorLogs.RecentAsync(string.IsNullOrWhiteSpace(device) ? null : device.Trim(), 20, cancellationToken);
        return ApiResponse.Json(200, logs, DashboardJsonContext.Default.IReadOnlyListStoredErrorLog);
    }

    /// <summary>The charts of the last <c>minutes</c> (default 60, at most a day).</summary>
    private async ValueTask<ApiResponse> ChartsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (!TryInt(request, "minutes", 60, out var minutes) || minutes is < 1 or > 1440)
        {
            return Invalid("minutes", "must be from 1 to 1440.");
        }

        var view = await services.Value.Charts.ReadAsync(TimeSpan.FromMinutes(minutes), cancellationToken);
        return ApiResponse.Json(200, view, DashboardJsonContext.Default.ChartsView);
    }

    /// <summary>
    /// A request a browser marks as sent from another site: its <c>Sec-Fetch-Site</c>, or an <c>Origin</c> that is not
    /// the host the request was sent to.
    /// </summary>
    private static bool IsCrossSite(ApiRequest request)
    {
        var site = request.Header("Sec-Fetch-Site") ?? "";
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return true;
        }

        var origin = request.Header("Origin") ?? "";
        var host = request.Header("Host") ?? request.BaseUri.Authority;
        return origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase));
    }

    private static bool TryInt(ApiRequest request, string name, int fallback, out int value)
    {
        value = fallback;
        return request.QueryValue(name) is not { Length: > 0 } text || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static ApiResponse Invalid(string field, string message) =>
        ApiResponse.Problem(ProblemDetails.Validation(new Dictionary<string, string[]> { [field] = [message] }));

    /// <summary>The status as the API writes it (IN_TRANSIT, not InTransit).</summary>
    private static string StatusName(OrderStatus status) => JsonSerializer.Serialize(status, OrdersJsonContext.Default.OrderStatus).Trim('"');
}
