using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends a request in one write and reads the answer's status line,
/// <c>Content-Length</c> and body, with no other machinery: on a 2-core machine the load generator shares the CPU with
/// the host and the database, so every microsecond it spends per request is taken from what is measured. Its buffers
/// and JSON writer are reused from one request to the next. The asynchronous call serves the read-latency runs; ingest
/// load uses the synchronous ones from one polling thread (see <see cref="PollingLoad"/>).
/// </summary>
/// <remarks>Only answers with a <c>Content-Length</c> (or none, for bodiless statuses) are understood: what the host's route table sends.</remarks>
internal sealed class LoadConnection : IAsyncDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLengthName = "content-length:"u8.ToArray();

    private readonly Socket _socket;
    private readonly string _authority;
    private readonly ArrayBufferWriter<byte> _request = new(4096);
    private readonly ArrayBufferWriter<byte> _body = new(4096);
    private readonly Utf8JsonWriter _json;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _hasBody;

    private LoadConnection(Socket socket, string authority)
    {
        _socket = socket;
        _authority = authority;
        _json = new Utf8JsonWriter(_body);
    }

    public static async Task<LoadConnection> OpenAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new LoadConnection(socket, endpoint.ToString());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A connection for the synchronous calls only, made synchronously: a socket that never sees an asynchronous call
    /// stays a plain blocking socket, outside the runtime's event loop, which polling needs.
    /// </summary>
    public static LoadConnection Open(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(endpoint);
            return new LoadConnection(socket, endpoint.ToString());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Where the next request's JSON body is written; a request sent without calling this has no body.</summary>
    public Utf8JsonWriter StartBody()
    {
        _body.ResetWrittenCount();
        _json.Reset(_body);
        _hasBody = true;
        return _json;
    }

    /// <summary>The connection's socket, to poll; only the synchronous calls below may be used on one that is polled.</summary>
    public Socket Socket => _socket;

    /// <returns>The status code and the body, which stays valid until the next call.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(string method, string target, string apiKey, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(Prepare(method, target, apiKey), SocketFlags.None, cancellationToken);
        while (true)
        {
            if (TryTakeAnswer(out var status, out var body))
            {
                return (status, body);
            }

            MakeRoom();
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            Received(read);
        }
    }

    /// <summary>Sends the request at once; the answer is read by <see cref="ReceiveAvailable"/> and <see cref="TryTakeAnswer"/>.</summary>
    public void Send(string method, string target, string apiKey)
    {
        var request = Prepare(method, target, apiKey).Span;
        while (!request.IsEmpty)
        {
            request = request[_socket.Send(request)..];
        }
    }

    /// <summary>Reads what has arrived, waiting for something when nothing has.</summary>
    public void ReceiveAvailable()
    {
        MakeRoom();
        Received(_socket.Receive(_buffer.AsSpan(_end)));
    }

    /// <summary>Takes a whole answer from what has been read, if one is there; the body stays valid until the next call.</summary>
    public bool TryTakeAnswer(out int status, out ReadOnlyMemory<byte> body)
    {
        var unread = _buffer.AsSpan(_start, _end - _start);
        var headEnd = unread.IndexOf(HeaderEnd);
        var length = 0;
        if (headEnd < 0 || unread.Length - headEnd - HeaderEnd.Length < (length = ContentLength(unread[..headEnd])))
        {
            status = 0;
            body = default;
            return false;
        }

        status = ParseStatus(unread[..headEnd]);
        body = new ReadOnlyMemory<byte>(_buffer, _start + headEnd + HeaderEnd.Length, length);
        _start += headEnd + HeaderEnd.Length + length;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return _json.DisposeAsync();
    }

    /// <summary>The head, stating the length of the body written before it, then the body: one buffer, one write.</summary>
    private ReadOnlyMemory<byte> Prepare(string method, string target, string apiKey)
    {
        _json.Flush();
        _request.ResetWrittenCount();
        WriteAscii(method);
        WriteAscii(" ");
        WriteAscii(target);
        WriteAscii(" HTTP/1.1\r\nHost: ");
        WriteAscii(_authority);
        WriteAscii("\r\nx-api-key: ");
        WriteAscii(apiKey);
        if (_hasBody)
        {
            WriteAscii("\r\nContent-Type: application/json\r\nContent-Length: ");
            Utf8Formatter.TryFormat(_body.WrittenCount, _request.GetSpan(10), out var digits);
            _request.Advance(digits);
        }

        WriteAscii("\r\n\r\n");
        if (_hasBody)
        {
            _request.Write(_body.WrittenSpan);
            _hasBody = false;
        }

        return _request.WrittenMemory;
    }

    private void WriteAscii(string text)
    {
        var written = Encoding.ASCII.GetBytes(text, _request.GetSpan(text.Length));
        _request.Advance(written);
    }

    /// <summary>Moves what is unread to the front when the buffer is full, into a larger one when all of it is unread.</summary>
    private void MakeRoom()
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        var unread = _end - _start;
        var target = unread == _buffer.Length ? new byte[_buffer.Length * 2] : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, unread);
        _buffer = target;
        _start = 0;
        _end = unread;
    }

    private void Received(int read)
    {
        _end += read > 0 ? read : throw new IOException("The host closed the connection.");
    }

    private static int ParseStatus(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 201 Created"
        return head.Length >= 12 && Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _)
            ? status
            : throw new IOException($"Not an HTTP/1.1 status line: '{Encoding.ASCII.GetString(head[..Math.Min(head.Length, 40)])}'.");
    }

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (line.Length > ContentLengthName.Length && System.Text.Ascii.EqualsIgnoreCase(line[..ContentLengthName.Length], ContentLengthName))
            {
                return Utf8Parser.TryParse(line[ContentLengthName.Length..].Trim((byte)' '), out int length, out _)
                    ? length
                    : throw new IOException("The Content-Length is not a number.");
            }

            if (line.StartsWith("Transfer-Encoding:"u8))
            {
                throw new IOException("Chunked answers are not understood by this client.");
            }
        }

        return 0;
    }
}
