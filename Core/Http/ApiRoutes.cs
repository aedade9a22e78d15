using Portable.Core.ErrorLogs;
using Portable.Core.Metadata;
using Portable.Core.Quality;

namespace Portable.Core.Http;

/// <summary>The system's route table, in one place, for every host.</summary>
public static class ApiRoutes
{
    public static RouteTable Create() => new(
        ErrorLogEndpoints.Routes()
            .Concat(MetadataEndpoints.Routes())
            .Concat(QualityEndpoints.Routes()));
}
