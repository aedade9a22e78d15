using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// Reads HTTP/1.1 responses off the Runtime API connection: the status line, the headers (any case), and the body framed by
/// <c>Content-Length</c>, by <c>Transfer-Encoding: chunked</c>, or by the server closing. Bounded: headers to
/// <see cref="HeaderLimit"/>, bodies to <see cref="BodyLimit"/>; what breaks the protocol is a <see cref="RuntimeApiException"/>.
/// </summary>
internal sealed class RuntimeApiResponseReader
{
    /// <summary>The most header bytes (status line, headers, or a chunked body's trailers) a response may send.</summary>
    public const int HeaderLimit = 64 * 1024;

    /// <summary>Well above Lambda's 6 MB payloads, and a bound on what a broken server can make the process hold.</summary>
    public const int BodyLimit = 16 * 1024 * 1024;

    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private byte[] _buffer = new byte[8 * 1024];
    private int _start;
    private int _end;

    /// <summary>Bytes of the current response received so far: none means the server never started answering.</summary>
    public long Received { get; private set; }

    /// <summary>Bytes past the end of the last response, which a keep-alive server has no reason to send.</summary>
    public bool HasUnreadBytes => _start < _end;

    /// <summary>Forgets what was buffered, for a new exchange.</summary>
    public void Clear()
    {
        _start = 0;
        _end = 0;
        Received = 0;
    }

    /// <summary>Reads one whole response, blocking on the socket until it is in.</summary>
    public RuntimeApiResponse Read(RuntimeApiSocket socket)
    {
        while (true)
        {
            var headLength = FillUntil(socket, HeadEnd);
            var head = ParseHead(_buffer.AsSpan(_start, headLength));
            _start += headLength;

            // An interim answer (100 Continue and the like) comes before the real one.
            if (head.Status is >= 100 and < 200)
            {
                continue;
            }

            ReadOnlyMemory<byte> body;
            var keepAlive = head.KeepAlive;
            if (head.Status is 204 or 304)
            {
                body = ReadOnlyMemory<byte>.Empty;
            }
            else if (head.Chunked)
            {
                body = ReadChunked(socket);
            }
            else if (head.ContentLength is { } length)
            {
                var bytes = length == 0 ? [] : new byte[length];
                ReadExactly(socket, bytes);
                body = bytes;
            }
            else
            {
                body = ReadToClose(socket);
                keepAlive = false;
            }

            if (_start == _end)
            {
                _start = _end = 0;
            }

            return new RuntimeApiResponse(head.Status, head.Headers, body, keepAlive);
        }
    }

    private static ResponseHead ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];

        // HTTP/1.x SSS[ reason]
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[7] is not ((byte)'0' or (byte)'1')
            || statusLine[8] != ' ' || (statusLine.Length > 12 && statusLine[12] != ' ')
            || !Utf8Parser.TryParse(statusLine[9..12], out int status, out var consumed) || consumed != 3 || status < 100)
        {
            throw new RuntimeApiException($"The Runtime API sent a malformed status line: \"{Printable(statusLine)}\".");
        }

        var http10 = statusLine[7] == '0';
        var headers = new List<KeyValuePair<string, string>>();
        long? contentLength = null;
        var chunked = false;
        var close = http10;
        var rest = head[(lineEnd + 2)..^2];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].IndexOfAny(" \t"u8) >= 0)
            {
                throw new RuntimeApiException($"The Runtime API sent a malformed header line: \"{Printable(line)}\".");
            }

            var name = Encoding.Latin1.GetString(line[..colon]);
            var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
            headers.Add(new KeyValuePair<string, string>(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    || (contentLength is { } earlier && earlier != length))
                {
                    throw new RuntimeApiException($"The Runtime API sent an invalid Content-Length: \"{value}\".");
                }

                contentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                // Only chunked is understood (no TE is sent), and it must come last.
                if (!value.EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    throw new RuntimeApiException($"The Runtime API sent an unsupported Transfer-Encoding: \"{value}\".");
                }

                chunked = true;
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close = HasToken(value, "close") || (http10 && !HasToken(value, "keep-alive"));
            }
        }

        if (!chunked && contentLength > BodyLimit)
        {
            throw new RuntimeApiException($"The Runtime API sent a body of {contentLength} bytes, more than the {BodyLimit} this runtime reads.");
        }

        return new ResponseHead(status, headers, chunked ? null : (int?)contentLength, chunked, !close);
    }

    private static bool HasToken(string value, string token)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private ReadOnlyMemory<byte> ReadChunked(RuntimeApiSocket socket)
    {
        var body = new byte[Math.Max(1024, _end - _start)];
        var length = 0;
        while (true)
        {
            var lineLength = FillUntil(socket, LineEnd);
            var size = ChunkSize(_buffer.AsSpan(_start, lineLength - 2));
            _start += lineLength;
            if (size > BodyLimit - length)
            {
                throw new RuntimeApiException($"The Runtime API sent a chunked body of more than the {BodyLimit} bytes this runtime reads.");
            }

            if (size == 0)
            {
                break;
            }

            if (length + size > body.Length)
            {
                Array.Resize(ref body, (int)Math.Min(BodyLimit, Math.Max(length + size, 2L * body.Length)));
            }

            ReadExactly(socket, body.AsSpan(length, (int)size));
            length += (int)size;
            if (FillUntil(socket, LineEnd) != 2)
            {
                throw new RuntimeApiException("The Runtime API sent a chunk longer than its size.");
            }

            _start += 2;
        }

        // Trailers, unused, up to the blank line that ends the body.
        int trailer;
        var trailers = 0;
        while ((trailer = FillUntil(socket, LineEnd)) != 2)
        {
            _start += trailer;
            trailers += trailer;
            if (trailers > HeaderLimit)
            {
                throw new RuntimeApiException($"The Runtime API sent more than {HeaderLimit / 1024} KiB of trailers.");
            }
        }

        _start += 2;
        return body.AsMemory(0, length);
    }

    private static long ChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = (extension >= 0 ? line[..extension] : line).Trim(" \t"u8);
        if (!Utf8Parser.TryParse(digits, out long size, out var consumed, 'x') || consumed != digits.Length || digits.Length > 15)
        {
            throw new RuntimeApiException($"The Runtime API sent a malformed chunk size: \"{Printable(line)}\".");
        }

        return size;
    }

    private ReadOnlyMemory<byte> ReadToClose(RuntimeApiSocket socket)
    {
        var body = new byte[Math.Max(1024, _end - _start)];
        var length = _end - _start;
        _buffer.AsSpan(_start, length).CopyTo(body);
        _start = _end = 0;
        while (true)
        {
            if (length == body.Length)
            {
                if (length >= BodyLimit)
                {
                    throw new RuntimeApiException($"The Runtime API sent a body of more than the {BodyLimit} bytes this runtime reads.");
                }

                Array.Resize(ref body, Math.Min(BodyLimit, 2 * body.Length));
            }

            var received = socket.Receive(body.AsSpan(length));
            if (received == 0)
            {
                return body.AsMemory(0, length);
            }

            Received += received;
            length += received;
        }
    }

    /// <summary>Fills <paramref name="target"/> from what is buffered, then straight from the socket.</summary>
    private void ReadExactly(RuntimeApiSocket socket, Span<byte> target)
    {
        var filled = Math.Min(_end - _start, target.Length);
        _buffer.AsSpan(_start, filled).CopyTo(target);
        _start += filled;
        while (filled < target.Length)
        {
            var received = socket.Receive(target[filled..]);
            if (received == 0)
            {
                throw Closed();
            }

            Received += received;
            filled += received;
        }
    }

    /// <summary>Receives until the buffered bytes from the read position hold <paramref name="delimiter"/>; the length up to and
    /// with it.</summary>
    private int FillUntil(RuntimeApiSocket socket, byte[] delimiter)
    {
        var scanned = 0;
        while (true)
        {
            var found = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf(delimiter);
            if (found >= 0)
            {
                return scanned + found + delimiter.Length;
            }

            scanned = Math.Max(0, _end - _start - delimiter.Length + 1);
            if (_end - _start >= HeaderLimit)
            {
                throw new RuntimeApiException($"The Runtime API sent more than {HeaderLimit / 1024} KiB of headers.");
            }

            MakeRoom();
            var received = socket.Receive(_buffer.AsSpan(_end));
            if (received == 0)
            {
                throw Closed();
            }

            Received += received;
            _end += received;
        }
    }

    private void MakeRoom()
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
            return;
        }

        Array.Resize(ref _buffer, Math.Min(HeaderLimit, 2 * _buffer.Length));
    }

    private RuntimeApiException Closed() => new(Received == 0
        ? "The Runtime API closed the connection without answering."
        : "The Runtime API closed the connection in the middle of its answer.");

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 120)]);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private sealed record ResponseHead(int Status, List<KeyValuePair<string, string>> Headers, int? ContentLength, bool Chunked, bool KeepAlive);
}
