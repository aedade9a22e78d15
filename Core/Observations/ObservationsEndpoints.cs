using Portable.Core.Http;

namespace Portable.Core.Observations;

/// <summary>The observations API of seed 000.</summary>
public sealed class ObservationsEndpoints(ObservationsUpstream upstream)
{
    public static IEnumerable<ApiRoute> Routes(Func<ObservationsEndpoints> endpoints)
    {
        yield return new ApiRoute("GetObservations", "GET", "observations", AuthPolicy.Anonymous, LazyHandler.For(endpoints, e => e.GetAsync))
        {
            Summary = "Periods with numeric values from the statistics API (?startPeriod=), cached per query.",
            Query = [new("startPeriod", "The first period, as the statistics API names them (for example 2024-Q1).")],
            Responses =
            [
                new(200, "The observations, and whether the cache answered.", ApiBodyDoc.Of(() => ObservationsJsonContext.Default.ObservationsResult)),
                new(502, "The statistics API failed or answered something that is not SDMX-JSON."),
                new(503, "The statistics API is unavailable for now (Retry-After says when to try again), or not configured (the problem names the missing settings)."),
                new(504, "The statistics API did not answer in time."),
            ],
        };
    }

    private async ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var result = await upstream.GetAsync(request.QueryValue("startPeriod"), cancellationToken);
        return ApiResponse.Json(200, result, ObservationsJsonContext.Default.ObservationsResult);
    }
}
