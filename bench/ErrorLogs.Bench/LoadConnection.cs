using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portable.Bench.ErrorLogs;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends a request in one write and reads the answer's status line,
/// <c>Content-Length</c> and body, with no other machinery. On a 2-core machine the load generator shares the CPU with
/// the host and the database, so every microsecond it spends per request is taken from what is measured; this client
/// costs about what <c>wrk</c> does, where <see cref="HttpClient"/> costs several times more.
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
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _hasBody;

    private LoadConnection(Socket socket, string authority)
    {
        _socket = socket;
        _authority = authority;
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

    /// <summary>Where the next request's JSON body is written; a request sent without calling this has no body.</summary>
    public IBufferWriter<byte> StartBody()
    {
        _body.ResetWrittenCount();
        _hasBody = true;
        return _body;
    }

    /// <returns>The status code and the body, which stays valid until the next call.</returns>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(string method, string target, string apiKey, CancellationToken cancellationToken)
    {
        var request = Compose(method, target, apiKey);
        _hasBody = false;
        await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
        return await ReceiveAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The head, stating the length of the body written before it, then the body: one buffer, one write.</summary>
    private ReadOnlyMemory<byte> Compose(string method, string target, string apiKey)
    {
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
        }

        return _request.WrittenMemory;
    }

    private void WriteAscii(string text)
    {
        var written = Encoding.ASCII.GetBytes(text, _request.GetSpan(text.Length));
        _request.Advance(written);
    }

    private async Task<(int Status, ReadOnlyMemory<byte> Body)> ReceiveAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(cancellationToken);
        }

        var head = _buffer.AsSpan(_start, headEnd);
        var status = ParseStatus(head);
        var length = ContentLength(head);
        var bodyStart = _start + headEnd + HeaderEnd.Length;
        while (_end - bodyStart < length)
        {
            var offset = bodyStart - _start;
            await FillAsync(cancellationToken);
            bodyStart = _start + offset;
        }

        var body = new ReadOnlyMemory<byte>(_buffer, bodyStart, length);
        _start = bodyStart + length;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return (status, body);
    }

    /// <summary>Reads more of the answer, first moving what is unread to the front (or into a larger buffer when it is full).</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_end == _buffer.Length)
        {
            var unread = _end - _start;
            var target = unread == _buffer.Length ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, unread);
            _buffer = target;
            _start = 0;
            _end = unread;
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new IOException("The host closed the connection.");
        }

        _end += read;
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
