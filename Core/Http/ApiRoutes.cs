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
        ErrorLogEndpoints.Routes()
            .Concat(OrderEndpoints.Routes())
            .Concat(ObservationsEndpoints.Routes())
            .Concat(MetadataEndpoints.Routes())
            .Concat(QualityEndpoints.Routes())
            .Concat(ManagementEndpoints.Routes()));
}
