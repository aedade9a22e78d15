using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;

namespace Portable.Core.Observations;

/// <summary>The observations API of seed 000.</summary>
public static class ObservationsEndpoints
{
    public static IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("GetObservations", "GET", "observations", AuthPolicy.Anonymous, GetAsync)
        {
            Summary = "Periods with numeric values from the statistics API (?startPeriod=), cached per query.",
        };
    }

    private static async ValueTask<ApiResponse> GetAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<ObservationsService>().GetAsync(request.QueryValue("startPeriod"), cancellationToken);
        return ApiResponse.Json(200, result, ObservationsJsonContext.Default.ObservationsResult);
    }
}
