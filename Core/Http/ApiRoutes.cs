using Portable.Core.Dashboard;
using Portable.Core.ErrorLogs;
using Portable.Core.Home;
using Portable.Core.Metadata;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Http;

/// <summary>The system's route table, in one place, for every host: the routes of each endpoint group, tagged by service, and the dashboard's on hosts that serve it.</summary>
public static class ApiRoutes
{
    public static RouteTable Create(
        ErrorLogEndpoints errorLogs,
        OrderEndpoints orders,
        ObservationsEndpoints observations,
        MetadataEndpoints metadata,
        QualityEndpoints quality,
        ManagementEndpoints management,
        HomeEndpoints home,
        DashboardEndpoints? dashboard = null)
    {
        ArgumentNullException.ThrowIfNull(errorLogs);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentNullException.ThrowIfNull(management);
        ArgumentNullException.ThrowIfNull(home);
        return new(
            Tagged("Error logs", errorLogs.Routes())
                .Concat(Tagged("Orders", orders.Routes()))
                .Concat(Tagged("Observations", observations.Routes()))
                .Concat(Tagged("Metadata", metadata.Routes()))
                .Concat(Tagged("Quality control", quality.Routes()))
                .Concat(Tagged("Workflow management", management.Routes()))
                .Concat(Tagged("Home", home.Routes()))
                .Concat(dashboard is null ? [] : Tagged("Dashboard", dashboard.Routes())));
    }

    private static IEnumerable<ApiRoute> Tagged(string tag, IEnumerable<ApiRoute> routes) => routes.Select(route => route with { Tag = tag });
}
