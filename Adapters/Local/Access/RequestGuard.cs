using Portable.Core.Http;

namespace Portable.Adapters.Local.Access;

/// <summary>
/// What no route should have to think about: a request without a usable Host (HTTP/1.0 allows none) is a 400, and a
/// request Kestrel finds malformed while the body is read (a chunk size that overflows, bad chunk framing) is answered
/// with the status Kestrel gives it (400 for an overflowing chunk size), as problem details, instead of escaping as a 500.
/// </summary>
internal static class RequestGuard
{
    public static IApplicationBuilder UseRequestGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Host.HasValue || string.IsNullOrWhiteSpace(context.Request.Host.Host))
            {
                await WriteAsync(context, ProblemDetails.For(400, "Bad request.", "The request names no Host."));
                return;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
            {
                var status = exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : 400;
                await WriteAsync(context, ProblemDetails.For(status, status == 413 ? "Request body too large." : "Bad request.", exception.Message));
            }
            catch (IOException exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // Kestrel reports a chunk size that overflows as an IOException ("Bad chunk size data"), not as a bad request.
                await WriteAsync(context, ProblemDetails.For(400, "Bad request.", exception.Message));
            }
        });

    public static Task WriteAsync(HttpContext context, ProblemDetails problem, string? retryAfter = null)
    {
        var response = ApiResponse.Problem(problem);
        context.Response.Clear();
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        return context.Response.Body.WriteAsync(response.Body).AsTask();
    }
}
