using Portable.Core.ErrorLogs;
using Portable.Core.Metadata;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Http;

/// <summary>The system's route table, in one place, for every host.</summary>
public static class ApiRoutes
{
    public static RouteTable Create() => new(
        Tagged("Error logs", ErrorLogEndpoints.Routes())
            .Concat(Tagged("Orders", OrderEndpoints.Routes()))
            .Concat(Tagged("Observations", ObservationsEndpoints.Routes()))
            .Concat(Tagged("Metadata", MetadataEndpoints.Routes()))
            .Concat(Tagged("Quality control", QualityEndpoints.Routes()))
            .Concat(Tagged("Workflow management", ManagementEndpoints.Routes())));

    private static IEnumerable<ApiRoute> Tagged(string tag, IEnumerable<ApiRoute> routes) => routes.Select(route => route with { Tag = tag });
}
