using System.Buffers;
using Microsoft.AspNetCore.Http;
using Portable.Core.Http;

namespace Portable.Adapters.Local;

/// <summary>Translates between ASP.NET Core's request and response and Core's host-neutral ones.</summary>
internal static class HttpExchange
{
    public static async Task<ApiRequest> ReadAsync(HttpContext context, string path, CancellationToken cancellationToken)
    {
        var http = context.Request;
        var (body, tooLarge) = await ReadBodyAsync(http, cancellationToken);
        return new ApiRequest
        {
            Method = http.Method.ToUpperInvariant(),
            Path = path,
            BaseUri = new Uri($"{http.Scheme}://{http.Host.Value}"),
            Query = new StringValuesView(http.Query, key => http.Query[key], http.Query.ContainsKey, http.Query.Count),
            Headers = new StringValuesView(http.Headers, key => http.Headers[key], http.Headers.ContainsKey, http.Headers.Count),
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

    /// <summary>Reads at most one byte past the limit, so an oversized body is refused without buffering it.</summary>
    private static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ApiLimits.MaxBodyBytes)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 1, ApiLimits.MaxBodyBytes + 1));
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
