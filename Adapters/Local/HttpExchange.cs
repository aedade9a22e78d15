using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Portable.Core.Http;

namespace Portable.Adapters.Local;

/// <summary>Translates between ASP.NET Core's request and response and Core's host-neutral ones.</summary>
internal static class HttpExchange
{
    /// <summary>The base address of the latest request: clients reach a host under one or two names, so one is kept.</summary>
    private static BaseAddress? s_lastBase;

    public static async ValueTask<ApiRequest> ReadAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        var http = context.Request;
        var (body, tooLarge) = await ReadBodyAsync(http, cancellationToken);
        return new ApiRequest
        {
            Method = http.Method.ToUpperInvariant(),
            Path = path,
            BaseUri = BaseUri(http),
            Query = StringValuesView.Query(http),
            Headers = StringValuesView.Headers(http),
            Body = body,
            BodyTooLarge = tooLarge,
            TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
        };
    }

    public static async Task WriteAsync(HttpContext context, ApiResponse response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (!response.Body.IsEmpty)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, cancellationToken);
        }
    }

    private static Uri BaseUri(HttpRequest http)
    {
        var last = Volatile.Read(ref s_lastBase);
        if (last is null || !string.Equals(last.Scheme, http.Scheme, StringComparison.Ordinal) || !string.Equals(last.Host, http.Host.Value, StringComparison.Ordinal))
        {
            // Links are built on this only in Development; elsewhere on Http:PublicBaseUrl (see InstanceLinks).
            var uri = Uri.TryCreate($"{http.Scheme}://{http.Host.Value}", UriKind.Absolute, out var parsed) ? parsed : new Uri("http://localhost");
            last = new BaseAddress(http.Scheme, http.Host.Value ?? "", uri);
            Volatile.Write(ref s_lastBase, last);
        }

        return last.Uri;
    }

    /// <summary>
    /// A body of announced length is read into an array of that size; one without (chunked) grows as it comes, at most
    /// one byte past the limit, so an oversized body is refused without buffering it. A request that cannot have a body
    /// (no length, not chunked) reads nothing.
    /// </summary>
    private static async ValueTask<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        switch (request.ContentLength)
        {
            case > ApiLimits.MaxBodyBytes:
                return (ReadOnlyMemory<byte>.Empty, true);
            case 0:
                return (ReadOnlyMemory<byte>.Empty, false);
            case { } length:
                var body = new byte[length];
                await request.Body.ReadExactlyAsync(body, cancellationToken);
                return (body, false);
        }

        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return (ReadOnlyMemory<byte>.Empty, false);
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

    private sealed record BaseAddress(string Scheme, string Host, Uri Uri);
}
