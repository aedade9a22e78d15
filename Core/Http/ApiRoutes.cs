using Portable.Core.Dashboard;
using Portable.Core.ErrorLogs;
using Portable.Core.Home;
using Portable.Core.Metadata;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Http;

/// <summary>
/// The system's route table, in one place, for every host: the routes of each endpoint group, tagged by service, and
/// the dashboard's on hosts that serve it. Each group is given as the way to get it, and built at the first request
/// one of its routes answers (<see cref="LazyHandler"/>).
/// </summary>
public static class ApiRoutes
{
    public static RouteTable Create(
        Func<ErrorLogEndpoints> errorLogs,
        Func<OrderEndpoints> orders,
        Func<ObservationsEndpoints> observations,
        Func<MetadataEndpoints> metadata,
        Func<QualityEndpoints> quality,
        Func<ManagementEndpoints> management,
        Func<HomeEndpoints> home,
        Func<DashboardEndpoints>? dashboard = null)
    {
        ArgumentNullException.ThrowIfNull(errorLogs);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentNullException.ThrowIfNull(management);
        ArgumentNullException.ThrowIfNull(home);
        return new(
            Tagged("Error logs", ErrorLogEndpoints.Routes(errorLogs))
                .Concat(Tagged("Orders", OrderEndpoints.Routes(orders)))
                .Concat(Tagged("Observations", ObservationsEndpoints.Routes(observations)))
                .Concat(Tagged("Metadata", MetadataEndpoints.Routes(metadata)))
                .Concat(Tagged("Quality control", QualityEndpoints.Routes(quality)))
                .Concat(Tagged("Workflow management", ManagementEndpoints.Routes(management)))
                .Concat(Tagged("Home", HomeEndpoints.Routes(home)))
                .Concat(dashboard is null ? [] : Tagged("Dashboard", DashboardEndpoints.Routes(dashboard))));
    }

    private static IEnumerable<ApiRoute> Tagged(string tag, IEnumerable<ApiRoute> routes) => routes.Select(route => route with { Tag = tag });
}
