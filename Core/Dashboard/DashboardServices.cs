using Portable.Core.ErrorLogs;
using Portable.Core.Orders;
using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>
/// What the dashboard's routes read and act through. Built on the first dashboard request (the routes hold it lazily),
/// so a host that starts often, as a function does, builds none of it for requests that are not the dashboard's.
/// </summary>
/// <param name="RoutePrefix">The host's route prefix of the public API (<c>api</c>), which the page's script calls.</param>
/// <param name="ServedUnder">
/// The path below which the host serves the dashboard's own routes: empty where they sit at the root (the embedded host,
/// Lambda), the route prefix on Azure Functions, whose HTTP triggers all sit below it.
/// </param>
/// <param name="ApiReference">The path of the host's API reference page, linked from the dashboard; null where it serves none.</param>
public sealed record DashboardServices(
    IWorkflowClient Workflows,
    IOrderStore Orders,
    IErrorLogStore ErrorLogs,
    OperationsCharts Charts,
    OrderCancellation Cancellation,
    DashboardOptions Options,
    TimeProvider Time,
    string RoutePrefix,
    string ServedUnder = "",
    string? ApiReference = null)
{
    /// <summary>Where the page, its scripts and its data routes are reached: <c>/dashboard</c>, or <c>/api/dashboard</c> on Azure Functions.</summary>
    public string DashboardBase => "/" + (ServedUnder.Length > 0 ? ServedUnder.Trim('/') + "/" : "") + DashboardEndpoints.Root;
}
