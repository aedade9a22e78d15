using Portable.Core.ErrorLogs;
using Portable.Core.Orders;
using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>
/// What the dashboard's routes read and act through. Built on the first dashboard request (the routes hold it lazily),
/// so a host that starts often, as a function does, builds none of it for requests that are not the dashboard's.
/// </summary>
/// <param name="RoutePrefix">The host's route prefix of the public API (<c>api</c>), which the page's script calls.</param>
public sealed record DashboardServices(
    IWorkflowClient Workflows,
    IOrderStore Orders,
    IErrorLogStore ErrorLogs,
    OperationsCharts Charts,
    OrderCancellation Cancellation,
    DashboardOptions Options,
    TimeProvider Time,
    string RoutePrefix);
