using System.Buffers;
using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Portable.Core.Http;

namespace Portable.Functions.Http;

/// <summary>Translates between the worker's <see cref="HttpRequestData"/>/<see cref="HttpResponseData"/> and Core's host-neutral request and response.</summary>
public static class HttpExchange
{
    /// <summary>The catch-all route value of the HTTP trigger: the path below the route prefix.</summary>
    public const string PathBindingName = "path";

    /// <summary>The route prefix of every HTTP trigger of the app (<c>host.json</c> <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    /// <param name="path">The path below the route prefix; by default the trigger's catch-all route value.</param>
    public static async Task<ApiRequest> ReadAsync(HttpRequestData request, CancellationToken cancellationToken, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, tooLarge) = await ReadBodyAsync(request, cancellationToken);
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in request.Query.AllKeys)
        {
            if (key is not null && request.Query[key] is { } value)
            {
                query[key] = value;
            }
        }

        return new ApiRequest
        {
            Method = request.Method.ToUpperInvariant(),
            Path = path ?? RouteValue(request.FunctionContext, PathBindingName),
            BaseUri = new Uri(request.Url.GetLeftPart(UriPartial.Authority)),
            Query = query,
            Headers = request.Headers.ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase),
            Body = body,
            BodyTooLarge = tooLarge,
            TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? request.FunctionContext.InvocationId,
        };
    }

    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, ApiResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var http = request.CreateResponse((HttpStatusCode)response.StatusCode);
        foreach (var (name, value) in response.Headers)
        {
            http.Headers.TryAddWithoutValidation(name, value);
        }

        if (response.ContentType is not null)
        {
            http.Headers.TryAddWithoutValidation("Content-Type", response.ContentType);
        }

        if (!response.Body.IsEmpty)
        {
            await http.Body.WriteAsync(response.Body, cancellationToken);
        }

        return http;
    }

    /// <summary>A value of the trigger's route template, empty when the request's path left it out.</summary>
    public static string RouteValue(FunctionContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.BindingContext.BindingData.TryGetValue(name, out var value) && value is string text ? text : "";
    }

    /// <summary>Reads at most one byte past the limit, so an oversized body is refused without buffering it.</summary>
    private static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("Content-Length", out var lengths)
            && long.TryParse(lengths.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var length)
            && length > ApiLimits.MaxBodyBytes)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (buffer.WrittenCount <= ApiLimits.MaxBodyBytes)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return (buffer.WrittenMemory, false);
            }

            buffer.Advance(read);
        }

        return (ReadOnlyMemory<byte>.Empty, true);
    }
}
