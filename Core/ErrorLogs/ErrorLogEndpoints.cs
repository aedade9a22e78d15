using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Core.Validation;

namespace Portable.Core.ErrorLogs;

/// <summary>The error-log API of seed 001.</summary>
public static class ErrorLogEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("PostErrorLogs", "POST", "logs", AuthPolicy.ErrorLogsWrite, PostAsync)
        {
            Summary = "Store one error log or an array of up to 1000; answers once they are committed.",
        };
        yield return new ApiRoute("GetErrorLogs", "GET", "logs", AuthPolicy.ErrorLogsRead, GetAsync)
        {
            Summary = "The most recent error logs, overall or for one device (?device_id=), newest first.",
        };
    }

    private static async ValueTask<ApiResponse> PostAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logs = ErrorLogParser.Parse(request.Body);
        var ids = await services.GetRequiredService<IErrorLogStore>().AppendAsync(logs, cancellationToken);
        return ApiResponse.Json(201, new ErrorLogsCreated(ids.Count, ids), ErrorLogsJsonContext.Default.ErrorLogsCreated);
    }

    private static async ValueTask<ApiResponse> GetAsync(ApiRequest request, IServiceProvider services, CancellationToken cancellationToken)
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

        var logs = await services.GetRequiredService<IErrorLogStore>().RecentAsync(deviceId, limit, cancellationToken);
        return ApiResponse.Json(200, logs, ErrorLogsJsonContext.Default.IReadOnlyListStoredErrorLog);
    }
}
