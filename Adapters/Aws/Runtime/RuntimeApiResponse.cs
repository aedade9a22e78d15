namespace Portable.Adapters.Aws.Runtime;

/// <summary>One answer of the Runtime API: the status, the headers as sent, and the whole body.</summary>
/// <param name="keepAlive">Whether the connection may carry another request: HTTP/1.1 without <c>Connection: close</c>, and a
/// body whose end the framing told.</param>
internal sealed class RuntimeApiResponse(int statusCode, List<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, bool keepAlive)
{
    public int StatusCode { get; } = statusCode;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public bool KeepAlive { get; } = keepAlive;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The first value of the header <paramref name="name"/>, whatever the case it was sent in.</summary>
    public string? Header(string name)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}
