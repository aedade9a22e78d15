using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;

namespace Portable.Core.Quality;

/// <summary>The quality-control API of seed 003.</summary>
public static class QualityEndpoints
{
    public static IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("CheckSample", "POST", "qc/check", AuthPolicy.Anonymous, CheckAsync)
        {
            Summary = "Runs every spectrum check on one sample (or an array) and answers the verdicts; stores nothing.",
        };
    }

    private static ValueTask<ApiResponse> CheckAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var batch = SampleParser.Parse(request.Body);
        var checker = services.GetRequiredService<SpectrumChecker>();
        var verdicts = batch.Samples.Select(checker.Check).ToList();
        return ValueTask.FromResult(batch.IsArray
            ? ApiResponse.Json<IReadOnlyList<QualityVerdict>>(200, verdicts, QualityJsonContext.Default.IReadOnlyListQualityVerdict)
            : ApiResponse.Json(200, verdicts[0], QualityJsonContext.Default.QualityVerdict));
    }
}
