using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;

namespace Portable.Core.Http;

/// <summary>
/// Runs a request through the route table: body limit, auth policy, handler, and the mapping of domain
/// errors to problem details. Hosts only translate their request and response types.
/// </summary>
public sealed partial class ApiDispatcher(RouteTable routes, ApiAuthenticator authenticator, ILogger<ApiDispatcher> logger)
{
    public RouteTable Routes => routes;

    public ValueTask<ApiResponse> DispatchAsync(ApiRequest request, CancellationToken cancellationToken, bool prefixed = true)
    {
        var match = routes.Match(request.Method, request.Path, prefixed);
        if (match.Route is null)
        {
            return ValueTask.FromResult(match.AllowedMethods.Count > 0
                ? ApiResponse.Problem(ProblemDetails.For(405, "Method not allowed.", $"'{request.Path}' accepts {string.Join(", ", match.AllowedMethods)}."))
                    .WithHeader("Allow", string.Join(", ", match.AllowedMethods))
                : ApiResponse.Problem(ProblemDetails.For(404, "Not found.", $"No route matches '{request.Path}'.")));
        }

        request.RouteValues = match.Values;
        return InvokeAsync(match.Route, request, cancellationToken);
    }

    /// <summary>
    /// The route a request names and what its policy says of the request's credentials, without running it: for hosts
    /// that authorize at the edge (API Gateway's authorizers) with the very decision the dispatcher makes.
    /// </summary>
    public (ApiRoute? Route, AuthResult Result) Authorize(ApiRequest request, bool prefixed = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        var match = routes.Match(request.Method, request.Path, prefixed);
        if (match.Route is null)
        {
            return (null, AuthResult.Forbidden("No route matches."));
        }

        request.RouteValues = match.Values;
        return (match.Route, authenticator.Authenticate(match.Route.Policy, request));
    }

    public async ValueTask<ApiResponse> InvokeAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.RouteValues.Count == 0 && route.Template.Contains('{', StringComparison.Ordinal) && route.Parsed.TryMatch(request.Path.TrimStart('/'), out var values))
        {
            request.RouteValues = values;
        }

        if (request.BodyTooLarge || request.Body.Length > ApiLimits.MaxBodyBytes)
        {
            return ApiResponse.Problem(ProblemDetails.For(413, "Request body too large.", $"The body must not exceed {ApiLimits.MaxBodyBytes} bytes."));
        }

        var auth = authenticator.Authenticate(route.Policy, request);
        if (!auth.Succeeded)
        {
            var title = auth.StatusCode == 401 ? "Authentication required." : "Forbidden.";
            var detail = auth.StatusCode == 401 && route.UnauthenticatedHint is { } hint ? $"{auth.Reason} {hint}" : auth.Reason;
            var response = ApiResponse.Problem(ProblemDetails.For(auth.StatusCode, title, detail));
            return auth.StatusCode == 401 && route.Policy == AuthPolicy.OrdersBearer
                ? response.WithHeader("WWW-Authenticate", "Bearer")
                : response;
        }

        request.Identity = auth.Identity;
        request.Role = auth.Role;
        using var activity = StartActivity(route, request);
        using var scope = WorkScope.Request(logger, route.Name, activity?.TraceId.ToString() ?? request.TraceId);
        try
        {
            var response = await route.Handler(request, cancellationToken);
            activity?.SetTag("http.response.status_code", response.StatusCode);
            return response;
        }
        catch (ValidationException exception)
        {
            return ApiResponse.Problem(ProblemDetails.Validation(exception.Errors));
        }
        catch (NotFoundException exception)
        {
            return ApiResponse.Problem(ProblemDetails.For(404, "Not found.", exception.Message));
        }
        catch (ConflictException exception)
        {
            return ApiResponse.Problem(ProblemDetails.For(409, "Conflict.", exception.Message));
        }
        catch (UpstreamException exception)
        {
            LogUpstreamFailure(logger, route.Name, exception.Message, exception);
            return exception.TimedOut
                ? ApiResponse.Problem(ProblemDetails.For(504, "The upstream service did not answer in time.", exception.Message))
                : ApiResponse.Problem(ProblemDetails.For(502, "The upstream service failed.", exception.Message));
        }
        catch (UnavailableException exception)
        {
            LogUnavailable(logger, route.Name, exception.Message, exception);
            var seconds = Math.Max(1, (int)Math.Ceiling(exception.RetryAfter.TotalSeconds));
            return ApiResponse.Problem(ProblemDetails.For(503, "Service temporarily unavailable.", exception.Message))
                .WithHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (NotConfiguredException exception)
        {
            LogNotConfigured(logger, route.Name, exception.Message);
            return ApiResponse.Problem(ProblemDetails.For(503, "Service not configured.", exception.Message));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PortableTelemetry.Fail(activity, exception);
            LogUnhandled(logger, route.Name, exception);
            return ApiResponse.Problem(ProblemDetails.For(500, "An unexpected error occurred.", request.TraceId is null ? null : $"Trace id {request.TraceId}."));
        }
    }

    /// <summary>
    /// The route's span: a child of the host's HTTP span where the host records one (ASP.NET Core), else the root of
    /// the request, joined to the trace the cloud passed (Lambda's X-Ray header, in <see cref="ApiRequest.TraceId"/>).
    /// </summary>
    private static Activity? StartActivity(ApiRoute route, ApiRequest request)
    {
        var parent = Activity.Current is null && CloudTrace.TryParse(request.TraceId, out var cloud) ? cloud : default;
        var activity = PortableTelemetry.Source.StartActivity(
            route.Name, Activity.Current is null ? ActivityKind.Server : ActivityKind.Internal, parent);
        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("http.route", route.Template);
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route}: upstream failure: {Reason}")]
    private static partial void LogUpstreamFailure(ILogger logger, string route, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route}: dependency unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string route, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route}: {Reason}")]
    private static partial void LogNotConfigured(ILogger logger, string route, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Route {Route} failed unexpectedly")]
    private static partial void LogUnhandled(ILogger logger, string route, Exception exception);
}
