using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Quality;

/// <summary>The quality-control API of seed 003.</summary>
public static class QualityEndpoints
{
    public const int DefaultFailureLimit = 50;
    public const int MaxFailureLimit = 500;

    public static IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("CheckSample", "POST", "qc/check", AuthPolicy.Anonymous, CheckAsync)
        {
            Summary = "Runs every spectrum check on one sample (or an array) and answers the verdicts; stores nothing.",
        };
        yield return new ApiRoute("SubmitSamples", "POST", "samples", AuthPolicy.Anonymous, SubmitAsync)
        {
            Summary = "Starts quality control of one sample or a batch: one workflow per sample; answers 202 with the links.",
        };
        yield return new ApiRoute("GetSample", "GET", "samples/{id}", AuthPolicy.Anonymous, GetAsync)
        {
            Summary = "A sample's verdict, findings, notification status and workflow instance id.",
        };
        yield return new ApiRoute("ListFailedSamples", "GET", "qc/failures", AuthPolicy.Anonymous, FailuresAsync)
        {
            Summary = "Failed samples, newest first, with their findings and notification status (?limit=).",
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

    private static async ValueTask<ApiResponse> SubmitAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var batch = SampleParser.Parse(request.Body);
        var intake = services.GetRequiredService<SampleIntake>();
        var accepted = new List<SampleAccepted>(batch.Samples.Count);
        foreach (var sample in batch.Samples)
        {
            var (instanceId, already) = await intake.SubmitAsync(sample, cancellationToken);
            accepted.Add(new SampleAccepted(sample.SampleId, instanceId, WorkflowLinks.For(request.BaseUri, instanceId), already));
        }

        if (batch.IsArray)
        {
            return ApiResponse.Json<IReadOnlyList<SampleAccepted>>(202, accepted, QualityJsonContext.Default.IReadOnlyListSampleAccepted);
        }

        return ApiResponse.Json(202, accepted[0], QualityJsonContext.Default.SampleAccepted)
            .WithHeader("Location", accepted[0].Links.StatusQueryGetUri);
    }

    private static async ValueTask<ApiResponse> GetAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var sampleId = request.Route("id");
        var record = await services.GetRequiredService<IQualityStore>().GetAsync(sampleId, cancellationToken);
        if (record is not null)
        {
            return ApiResponse.Json(200, SampleView.Of(record), QualityJsonContext.Default.SampleView);
        }

        var instanceId = QualityWorkflow.InstanceIdFor(sampleId);
        _ = await services.GetRequiredService<IWorkflowClient>().GetInstanceAsync(instanceId, cancellationToken: cancellationToken)
            ?? throw new NotFoundException($"Sample '{sampleId}' has not been submitted.");
        return ApiResponse.Json(200, SampleView.InProgress(sampleId, instanceId), QualityJsonContext.Default.SampleView);
    }

    private static async ValueTask<ApiResponse> FailuresAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var limit = DefaultFailureLimit;
        var text = request.QueryValue("limit");
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxFailureLimit))
        {
            throw new ValidationException("limit", $"must be an integer from 1 to {MaxFailureLimit}.");
        }

        var failures = await services.GetRequiredService<IQualityStore>().ListFailuresAsync(limit, cancellationToken);
        return ApiResponse.Json<IReadOnlyList<SampleView>>(200, failures.Select(SampleView.Of).ToList(), QualityJsonContext.Default.IReadOnlyListSampleView);
    }
}
