using System.Globalization;
using Microsoft.Extensions.Logging;
using Portable.Core.Http;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Quality;

/// <summary>The quality-control API of seed 003.</summary>
public sealed class QualityEndpoints(
    SpectrumChecker checker, SampleIntake intake, NotificationRetry retry, IQualityStore store, IWorkflowClient workflows, InstanceLinks links,
    ILogger<QualityEndpoints> logger)
{
    public const int DefaultFailureLimit = 50;
    public const int MaxFailureLimit = 500;

    /// <summary>The header the management API pages its instance list by; the failure list pages the same way.</summary>
    public const string ContinuationHeader = ManagementEndpoints.ContinuationHeader;

    /// <summary>A clean spectrum of eleven points, as the API reference prefills the quality routes.</summary>
    private const string ExampleSample = """
        {"sampleId":"S-0001","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z",
         "wavelengthsNm":[200,201,202,203,204,205,206,207,208,209,210],
         "absorbance":[0.12,0.13,0.13,0.14,0.15,0.15,0.16,0.16,0.17,0.17,0.18]}
        """;

    public static IEnumerable<ApiRoute> Routes(Func<QualityEndpoints> endpoints)
    {
        yield return new ApiRoute("CheckSample", "POST", "qc/check", AuthPolicy.Lab, LazyHandler.For(endpoints, e => e.CheckAsync))
        {
            Summary = "Runs every spectrum check on one sample (or an array) and answers the verdicts; stores nothing.",
            Request = ApiBodyDoc.Of(() => QualityJsonContext.Default.SpectrumSample, oneOrMany: true) with { Example = ExampleSample },
            Responses = [new(200, "One verdict per sample, in input order (an array for an array).", ApiBodyDoc.Of(() => QualityJsonContext.Default.QualityVerdict, oneOrMany: true))],
        };
        yield return new ApiRoute("SubmitSamples", "POST", "samples", AuthPolicy.Lab, LazyHandler.For(endpoints, e => e.SubmitAsync))
        {
            Summary = "Starts quality control of one sample or a batch: one workflow per sample; answers 202 with the links.",
            Request = ApiBodyDoc.Of(() => QualityJsonContext.Default.SpectrumSample, oneOrMany: true) with { Example = ExampleSample },
            Responses = [new(202, "One workflow per sample; a sample sent before is not checked again.", ApiBodyDoc.Of(() => QualityJsonContext.Default.SampleAccepted, oneOrMany: true))],
        };
        yield return new ApiRoute("GetSample", "GET", "samples/{id}", AuthPolicy.Lab, LazyHandler.For(endpoints, e => e.GetAsync))
        {
            Summary = "A sample's verdict, findings, notification status and workflow instance id.",
            Responses =
            [
                new(200, "The sample; status Checking until its verdict is stored.", ApiBodyDoc.Of(() => QualityJsonContext.Default.SampleView)),
                new(404, "The sample was never submitted."),
            ],
        };
        yield return new ApiRoute("ListFailedSamples", "GET", "qc/failures", AuthPolicy.Lab, LazyHandler.For(endpoints, e => e.FailuresAsync))
        {
            Summary = "Failed samples, newest first, with their findings and notification status (?instrument=, ?limit=); paged by x-ms-continuation-token.",
            Query =
            [
                new("instrument", "Only this instrument's samples (its instrumentId, exactly)."),
                new("limit", $"Page size, 1 to {MaxFailureLimit} (default {DefaultFailureLimit}).", "integer"),
            ],
            Responses = [new(200, "Newest check first; a continuation token header when there is more (send it back as x-ms-continuation-token).", ApiBodyDoc.Of(() => QualityJsonContext.Default.IReadOnlyListSampleView))],
        };
        yield return new ApiRoute("RetryNotification", "POST", "samples/{id}/notify", AuthPolicy.Operator, LazyHandler.For(endpoints, e => e.RetryAsync))
        {
            Summary = "Sends an undelivered failure notification again (same idempotency key); answers 202 with the retry's workflow.",
            Responses =
            [
                new(202, "The retry runs; follow it through the links (also in Location).", ApiBodyDoc.Of(() => QualityJsonContext.Default.NotificationRetryAccepted)),
                new(404, "No verdict is stored for the sample."),
                new(409, "The notification is not undelivered, a retry is running, or the verdict was stored before acquisition times were kept."),
            ],
        };
    }

    private ValueTask<ApiResponse> CheckAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var batch = SampleParser.Parse(request.Body);
        var verdicts = batch.Samples.Select(checker.Check).ToList();
        return ValueTask.FromResult(batch.IsArray
            ? ApiResponse.Json<IReadOnlyList<QualityVerdict>>(200, verdicts, QualityJsonContext.Default.IReadOnlyListQualityVerdict)
            : ApiResponse.Json(200, verdicts[0], QualityJsonContext.Default.QualityVerdict));
    }

    private async ValueTask<ApiResponse> SubmitAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var batch = SampleParser.Parse(request.Body);
        var accepted = new List<SampleAccepted>(batch.Samples.Count);
        foreach (var sample in batch.Samples)
        {
            using var scope = WorkScope.Sample(logger, sample.SampleId);
            var (instanceId, already) = await intake.SubmitAsync(sample, cancellationToken);
            accepted.Add(new SampleAccepted(sample.SampleId, instanceId, links.For(request, instanceId), already));
        }

        if (batch.IsArray)
        {
            return ApiResponse.Json<IReadOnlyList<SampleAccepted>>(202, accepted, QualityJsonContext.Default.IReadOnlyListSampleAccepted);
        }

        return ApiResponse.Json(202, accepted[0], QualityJsonContext.Default.SampleAccepted)
            .WithHeader("Location", accepted[0].Links.StatusQueryGetUri);
    }

    private async ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var sampleId = request.Route("id");
        using var scope = WorkScope.Sample(logger, sampleId);
        var record = await store.GetAsync(sampleId, cancellationToken);
        if (record is not null)
        {
            return ApiResponse.Json(200, SampleView.Of(record), QualityJsonContext.Default.SampleView);
        }

        var instanceId = QualityWorkflow.InstanceIdFor(sampleId);
        _ = await workflows.GetInstanceAsync(instanceId, cancellationToken: cancellationToken)
            ?? throw new NotFoundException($"Sample '{sampleId}' has not been submitted.");
        return ApiResponse.Json(200, SampleView.InProgress(sampleId, instanceId), QualityJsonContext.Default.SampleView);
    }

    private async ValueTask<ApiResponse> RetryAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var accepted = await retry.RetryAsync(request.Route("id"), links.BaseFor(request), cancellationToken);
        return ApiResponse.Json(202, accepted, QualityJsonContext.Default.NotificationRetryAccepted)
            .WithHeader("Location", accepted.Links.StatusQueryGetUri);
    }

    /// <summary>
    /// A page of failures, continued as the management API's instance list is: the token of the page's last row in
    /// the <c>x-ms-continuation-token</c> header, sent back in the same header for the next page.
    /// </summary>
    private async ValueTask<ApiResponse> FailuresAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var limit = DefaultFailureLimit;
        var text = request.QueryValue("limit");
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxFailureLimit))
        {
            errors.Add("limit", $"must be an integer from 1 to {MaxFailureLimit}.");
        }

        var instrument = request.QueryValue("instrument");
        if (instrument is not null && !SampleParser.IsValidInstrumentId(instrument))
        {
            errors.Add("instrument", SampleParser.InstrumentIdRule);
        }

        FailureCursor? after = null;
        if (request.Header(ContinuationHeader) is { Length: > 0 } token)
        {
            try
            {
                after = FailureCursor.Parse(token);
            }
            catch (ValidationException exception)
            {
                errors.Add(FailureCursor.Field, exception.Errors[FailureCursor.Field][0]);
            }
        }

        errors.ThrowIfAny();

        // One row more than the page tells whether another page follows, so the last page carries no token.
        var rows = await store.ListFailuresAsync(new FailureQuery(limit + 1) { InstrumentId = instrument, After = after }, cancellationToken);
        var page = rows.Take(limit).ToList();
        var response = ApiResponse.Json<IReadOnlyList<SampleView>>(200, page.Select(SampleView.Of).ToList(), QualityJsonContext.Default.IReadOnlyListSampleView);
        return rows.Count > limit ? response.WithHeader(ContinuationHeader, FailureCursor.After(page[^1]).ToString()) : response;
    }
}
