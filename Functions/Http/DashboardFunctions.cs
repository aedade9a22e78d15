using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Portable.Core.Dashboard;
using Portable.Core.Http;
using Portable.Functions.Durable;

namespace Portable.Functions.Http;

/// <summary>
/// The operator dashboard on Azure, at <c>/api/dashboard</c>: Core's dashboard routes, which the other hosts serve from
/// the root, below the route prefix every HTTP trigger sits under. The page and its data are admin-level functions: the
/// Functions host lets in only the app's master key (<c>?code=</c> to open the page, <c>x-functions-key</c> on the
/// page's requests), the key Durable's management API under <c>/runtime/webhooks/durabletask</c> also takes; Core then
/// checks it as an operator key, as on every host (on Azure <c>Management:Keys</c> holds the master key's value, so an
/// operator has one key). The scripts and styles are public, as on Lambda: a browser loads them without the key, and
/// only the dashboard's own files are served there. The routes do not overlap, so the order in which the host tries
/// them does not matter.
/// </summary>
public sealed class DashboardFunctions(ApiDispatcher dispatcher)
{
    public const string PageName = "DashboardPage";
    public const string InstancePageName = "DashboardInstancePage";
    public const string DataName = "DashboardData";
    public const string AssetName = "DashboardAsset";

    private const string Root = DashboardEndpoints.Root;

    [Function(PageName)]
    public Task<HttpResponseData> PageAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Root)] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        DispatchAsync(request, client, context, Root);

    [Function(InstancePageName)]
    public Task<HttpResponseData> InstancePageAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Root + "/instances/{id}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        DispatchAsync(request, client, context, $"{Root}/instances/{HttpExchange.RouteValue(context, "id")}");

    /// <summary>The page's reads and its one action (cancel an order), below <c>dashboard/api</c>.</summary>
    [Function(DataName)]
    public Task<HttpResponseData> DataAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", "post", Route = Root + "/api/{*" + HttpExchange.PathBindingName + "}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        DispatchAsync(request, client, context, $"{Root}/api/{HttpExchange.RouteValue(context, HttpExchange.PathBindingName)}");

    /// <summary>A script or style sheet, to anyone: only Core's asset route is run here, whatever the name asked for.</summary>
    [Function(AssetName)]
    public async Task<HttpResponseData> AssetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Root + "/{asset}")] HttpRequestData request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var apiRequest = await HttpExchange.ReadAsync(request, context.CancellationToken, $"{Root}/{HttpExchange.RouteValue(context, "asset")}");
        // Dashboard:Enabled=false leaves the route out of the table: then there is nothing here.
        var route = dispatcher.Routes.Routes.SingleOrDefault(candidate => candidate.Name == DashboardEndpoints.AssetRoute);
        var response = route is null
            ? ApiResponse.Problem(ProblemDetails.For(404, "Not found.", "The dashboard is not served by this app."))
            : await dispatcher.InvokeAsync(route, apiRequest, context.CancellationToken);
        return await HttpExchange.WriteAsync(request, response, context.CancellationToken);
    }

    private async Task<HttpResponseData> DispatchAsync(HttpRequestData request, DurableTaskClient client, FunctionContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DurableClientScope.Enter(client);
        var cancellationToken = context.CancellationToken;
        var apiRequest = await HttpExchange.ReadAsync(request, cancellationToken, path);
        var response = await dispatcher.DispatchAsync(apiRequest, cancellationToken, prefixed: false);
        return await HttpExchange.WriteAsync(request, response, cancellationToken);
    }
}
