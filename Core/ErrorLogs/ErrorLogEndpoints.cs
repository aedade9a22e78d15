using System.Globalization;
using Microsoft.Extensions.Logging;
using Portable.Core.Http;
using Portable.Core.Idempotency;
using Portable.Core.Telemetry;
using Portable.Core.Validation;

namespace Portable.Core.ErrorLogs;

/// <summary>The error-log API of seed 001.</summary>
public sealed class ErrorLogEndpoints(
    IErrorLogStore store, IIdempotentErrorLogStore keyedStore, IdempotencyOptions idempotency, TimeProvider time, ILogger<ErrorLogEndpoints> logger)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    /// <summary>The wire shape <see cref="ErrorLogParser"/> reads; no type describes it, since it is parsed by hand.</summary>
    private const string ErrorLogSchema = """
        {"type":"object","additionalProperties":false,"required":["device_id","error_number","time_stamp"],"properties":{
          "device_id":{"type":"string","minLength":1,"maxLength":255},
          "error_number":{"type":"integer","format":"int32"},
          "time_stamp":{"type":"integer","format":"int64","minimum":0,"description":"Seconds since the Unix epoch."}}}
        """;

    public static IEnumerable<ApiRoute> Routes(Func<ErrorLogEndpoints> endpoints)
    {
        yield return new ApiRoute("PostErrorLogs", "POST", "logs", AuthPolicy.ErrorLogsWrite, LazyHandler.For(endpoints, e => e.PostAsync))
        {
            Summary = "Store one error log or an array of up to 1000; answers once they are committed. With an Idempotency-Key header a repeat of the request gets the first answer again and stores nothing; the key with another body is 422.",
            Request = ApiBodyDoc.OfSchema(ErrorLogSchema, oneOrMany: true) with { Example = """{"device_id":"pump-7","error_number":42,"time_stamp":1700000000}""" },
            Responses =
            [
                new(201, "Stored; the ids in input order.", ApiBodyDoc.Of(() => ErrorLogsJsonContext.Default.ErrorLogsCreated)),
                new(422, "The Idempotency-Key was first used with another request."),
            ],
        };
        yield return new ApiRoute("GetErrorLogs", "GET", "logs", AuthPolicy.ErrorLogsRead, LazyHandler.For(endpoints, e => e.GetAsync))
        {
            Summary = "The most recent error logs, overall or for one device (?device_id=), newest first.",
            Query =
            [
                new("device_id", "Only this device's logs."),
                new("limit", $"How many, 1 to {MaxLimit} (default {DefaultLimit}).", "integer"),
            ],
            Responses = [new(200, "Newest first.", ApiBodyDoc.Of(() => ErrorLogsJsonContext.Default.IReadOnlyListStoredErrorLog))],
        };
    }

    private async ValueTask<ApiResponse> PostAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var logs = ErrorLogParser.Parse(request.Body);
        using var scope = OneDevice(logs) is { } deviceId ? WorkScope.Device(logger, deviceId) : null;
        var key = IdempotencyKey.FromRequest(request, "logs");
        IReadOnlyList<long> ids;
        if (key is null)
        {
            ids = await store.AppendAsync(logs, cancellationToken);
        }
        else
        {
            var now = time.GetUtcNow();
            try
            {
                ids = await keyedStore.AppendOnceAsync(logs, key, now, now + idempotency.Window, cancellationToken);
            }
            catch (IdempotencyMismatchException exception)
            {
                return ApiResponse.Problem(ProblemDetails.For(422, "Idempotency key reused.", exception.Message));
            }
        }

        return ApiResponse.Json(201, new ErrorLogsCreated(ids.Count, ids), ErrorLogsJsonContext.Default.ErrorLogsCreated);
    }

    /// <summary>The device id shared by every log, or null when they come from several devices.</summary>
    internal static string? OneDevice(IReadOnlyList<ErrorLog> logs)
    {
        var deviceId = logs[0].DeviceId;
        for (var i = 1; i < logs.Count; i++)
        {
            if (!string.Equals(logs[i].DeviceId, deviceId, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return deviceId;
    }

    private async ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var limit = DefaultLimit;
        var limitText = request.QueryValue("limit");
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be an integer from 1 to {MaxLimit}.");
        }

        var deviceId = request.QueryValue("device_id");
        ErrorLog.Validate(errors, "", deviceId, null);
        errors.ThrowIfAny();
        using var scope = deviceId is null ? null : WorkScope.Device(logger, deviceId);

        var logs = await store.RecentAsync(deviceId, limit, cancellationToken);
        return ApiResponse.Json(200, logs, ErrorLogsJsonContext.Default.IReadOnlyListStoredErrorLog);
    }
}
