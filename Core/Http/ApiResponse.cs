using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portable.Core.Http;

/// <summary>A host-neutral HTTP response; hosts copy status, headers and body as they are.</summary>
public sealed class ApiResponse
{
    private Dictionary<string, string>? _headers;

    private ApiResponse(int statusCode, ReadOnlyMemory<byte> body, string? contentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string? ContentType { get; }

    /// <summary>Headers besides Content-Type; most answers have none, so the map is made on the first one.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers ?? ApiRequest.NoValues;

    public static ApiResponse Json<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo) =>
        new(statusCode, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json; charset=utf-8");

    /// <summary>A body that is already JSON (for example stored orchestration input), passed through untouched.</summary>
    public static ApiResponse RawJson(int statusCode, ReadOnlyMemory<byte> json) =>
        new(statusCode, json, "application/json; charset=utf-8");

    public static ApiResponse Text(int statusCode, string text) =>
        new(statusCode, System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static ApiResponse Html(int statusCode, string html) =>
        new(statusCode, System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");

    /// <summary>A body of any type, as it is (a page, a script, a style sheet).</summary>
    public static ApiResponse Content(int statusCode, ReadOnlyMemory<byte> body, string contentType) => new(statusCode, body, contentType);

    public static ApiResponse Empty(int statusCode) => new(statusCode, ReadOnlyMemory<byte>.Empty, null);

    public static ApiResponse Problem(ProblemDetails problem) =>
        new(problem.Status, JsonSerializer.SerializeToUtf8Bytes(problem, HttpJsonContext.Default.ProblemDetails), "application/problem+json; charset=utf-8");

    public ApiResponse WithHeader(string name, string value)
    {
        _headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        _headers[name] = value;
        return this;
    }
}
