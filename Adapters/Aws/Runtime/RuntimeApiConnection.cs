using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// One keep-alive HTTP/1.1 connection to the Runtime API, for its one caller, the runtime's loop. Opened at the first request,
/// dropped after a failure, a cancellation or <c>Connection: close</c>, and opened again at the next request. A request on a
/// reused connection that the server closed before answering is sent once more on a new connection, as HTTP clients do;
/// nothing else is retried. Socket failures surface as <see cref="RuntimeApiException"/>, cancellation as
/// <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// Written for this one trusted loopback API instead of <c>HttpClient</c>, whose first request sets up a handler chain,
/// header tables and a connection pool: 0.4-3 ms of a native cold start's CPU in A/B runs (bench/README.md); over a
/// <see cref="RuntimeApiSocket"/>, not a <see cref="Socket"/>, whose first instance starts the socket engine. Blocking,
/// not asynchronous: a function serves one invocation at a time and Lambda freezes it between them, so waiting on the
/// socket costs nothing, where an asynchronous call has the socket engine's thread hand its completion to thread pool
/// workers started for it (about 3.5 ms of the api function's cold start, bench/README.md).
/// </remarks>
internal sealed class RuntimeApiConnection : IDisposable
{
    /// <summary>Bodies up to this size go out in the same send as the request head.</summary>
    private const int InlineBodyLimit = 64 * 1024;

    private readonly EndPoint _endPoint;
    private readonly string _host;
    private readonly RuntimeApiResponseReader _reader = new();
    private byte[] _request = new byte[1024];
    private RuntimeApiSocket? _socket;
    private int _busy;

    /// <param name="endpoint"><c>host:port</c>, the host an IP address (IPv6 in brackets) or a name.</param>
    /// <exception cref="ArgumentException">The endpoint is not <c>host:port</c>.</exception>
    public RuntimeApiConnection(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        _host = endpoint.Trim();
        _endPoint = ParseEndPoint(_host);
    }

    /// <summary>Sends one request and reads its whole answer, blocking the calling thread until it is in.</summary>
    /// <param name="body">The request body, sent with <c>Content-Length</c>; null for none.</param>
    /// <param name="headers">Headers besides <c>Host</c> and <c>Content-Length</c>; an array, as walking an interface costs a
    /// native AOT cold start a generic virtual method lookup.</param>
    /// <param name="cancellationToken">Closes the connection under a blocked call, which then throws
    /// <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InvalidOperationException">Another request is under way: the connection carries one at a time.</exception>
    public RuntimeApiResponse Send(
        string method, string target, ReadOnlyMemory<byte>? body, KeyValuePair<string, string>[] headers, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("The Runtime API connection carries one request at a time; this one came while another was under way.");
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (length, bodyInline) = WriteRequest(method, target, body, headers);
            var separateBody = bodyInline ? ReadOnlyMemory<byte>.Empty : body.GetValueOrDefault();
            var reused = _socket is not null;
            try
            {
                return Exchange(length, separateBody, cancellationToken);
            }
            catch (Exception exception) when (reused && _reader.Received == 0 && exception is SocketException or RuntimeApiException)
            {
                // The server closed the idle connection (or reset it) before this request reached it.
                Drop();
                return Exchange(length, separateBody, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The request may be half sent or half answered: the connection cannot carry another.
            Drop();
            throw;
        }
        catch (RuntimeApiException)
        {
            Drop();
            throw;
        }
        catch (SocketException exception)
        {
            Drop();
            throw new RuntimeApiException($"The Runtime API at {_host} failed: {exception.Message}", exception);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose() => Drop();

    private RuntimeApiResponse Exchange(int length, ReadOnlyMemory<byte> separateBody, CancellationToken cancellationToken)
    {
        _reader.Clear();
        var socket = _socket ??= new RuntimeApiSocket();
        RuntimeApiResponse response;
        try
        {
            // A blocked connect, send or receive returns when the connection is shut down under it.
            using (cancellationToken.UnsafeRegister(static state => ((RuntimeApiSocket)state!).Abort(), socket))
            {
                if (!socket.Connected)
                {
                    socket.Connect(_endPoint);
                }

                socket.Send(_request.AsSpan(0, length));
                socket.Send(separateBody.Span);
                response = _reader.Read(socket);
            }
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested
            && exception is SocketException or ObjectDisposedException or RuntimeApiException)
        {
            throw new OperationCanceledException("The Runtime API call was cancelled.", exception, cancellationToken);
        }

        // Cancelled just as the answer came in: the answer stands, the closed socket goes.
        if (!response.KeepAlive || _reader.HasUnreadBytes || cancellationToken.IsCancellationRequested)
        {
            Drop();
        }

        return response;
    }

    private void Drop()
    {
        _socket?.Dispose();
        _socket = null;
    }

    /// <summary>Writes the request head, and a small body after it, into one buffer for one send.</summary>
    private (int Length, bool BodyInline) WriteRequest(
        string method, string target, ReadOnlyMemory<byte>? body, KeyValuePair<string, string>[] headers)
    {
        var length = 0;
        Append(ref length, method);
        Append(ref length, " ");
        Append(ref length, RequireSingleLine(target, nameof(target)));
        Append(ref length, " HTTP/1.1\r\nHost: ");
        Append(ref length, _host);
        foreach (var header in headers)
        {
            Append(ref length, "\r\n");
            Append(ref length, RequireSingleLine(header.Key, nameof(headers)));
            Append(ref length, ": ");
            Append(ref length, RequireSingleLine(header.Value, nameof(headers)));
        }

        if (body is { } content)
        {
            Append(ref length, "\r\nContent-Length: ");
            Append(ref length, content.Length.ToString(CultureInfo.InvariantCulture));
        }

        Append(ref length, "\r\n\r\n");
        if (body is not { Length: > 0 and <= InlineBodyLimit } inline)
        {
            return (length, false);
        }

        EnsureCapacity(length + inline.Length);
        inline.Span.CopyTo(_request.AsSpan(length));
        return (length + inline.Length, true);
    }

    private void Append(ref int length, string text)
    {
        EnsureCapacity(length + Encoding.UTF8.GetMaxByteCount(text.Length));
        length += Encoding.UTF8.GetBytes(text, _request.AsSpan(length));
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity > _request.Length)
        {
            Array.Resize(ref _request, Math.Max(capacity, 2 * _request.Length));
        }
    }

    private static string RequireSingleLine(string value, string parameter) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : throw new ArgumentException("A request line or header may not hold a line break.", parameter);

    private static EndPoint ParseEndPoint(string endpoint)
    {
        string host;
        string port;
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                throw InvalidEndPoint(endpoint, "an IPv6 address in brackets is followed by :port");
            }

            host = endpoint[1..close];
            port = endpoint[(close + 2)..];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw InvalidEndPoint(endpoint, $"\"{host}\" is not an IPv6 address");
            }
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0)
            {
                throw InvalidEndPoint(endpoint, colon < 0 ? "it has no :port" : "it has no host before :port");
            }

            host = endpoint[..colon];
            port = endpoint[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw InvalidEndPoint(endpoint, "an IPv6 address goes in brackets, as in [::1]:9001");
            }
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > IPEndPoint.MaxPort)
        {
            throw InvalidEndPoint(endpoint, $"\"{port}\" is not a port number");
        }

        return IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, number) : new DnsEndPoint(host, number);
    }

    private static ArgumentException InvalidEndPoint(string endpoint, string reason) =>
        new($"The Runtime API address \"{endpoint}\" is not host:port: {reason}.", nameof(endpoint));
}
