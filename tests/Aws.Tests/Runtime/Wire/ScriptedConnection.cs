using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Portable.Aws.Tests.Runtime.Wire;

/// <summary>One accepted connection of the <see cref="ScriptedServer"/>: reads requests (bodies by Content-Length, as the client
/// sends them) and writes raw bytes.</summary>
public sealed class ScriptedConnection(Socket socket, CancellationToken failsafe) : IDisposable
{
    private readonly List<byte> _unread = [];

    public async Task<ReceivedRequest> ReadRequestAsync()
    {
        int headEnd;
        while ((headEnd = CollectionsMarshal.AsSpan(_unread).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await ReceiveAsync())
            {
                throw new IOException("The client closed the connection before a whole request head.");
            }
        }

        var lines = Encoding.UTF8.GetString([.. _unread.Take(headEnd)]).Split("\r\n");
        _unread.RemoveRange(0, headEnd + 4);
        var requestLine = lines[0].Split(' ');
        Assert.That(requestLine is [_, _, "HTTP/1.1"], Is.True, lines[0]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(line[..colon], line[(colon + 1)..].Trim());
        }

        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        while (_unread.Count < length)
        {
            if (!await ReceiveAsync())
            {
                throw new IOException("The client closed the connection in the middle of a request body.");
            }
        }

        var body = _unread.Take(length).ToArray();
        _unread.RemoveRange(0, length);
        return new ReceivedRequest(requestLine[0], requestLine[1], headers, body);
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, failsafe);
        }
    }

    /// <summary>Writes <paramref name="text"/> a few bytes per send, each its own segment (no Nagle on this side).</summary>
    public async Task WriteInPiecesAsync(string text, int piece)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var offset = 0; offset < bytes.Length; offset += piece)
        {
            await WriteAsync(bytes[offset..Math.Min(bytes.Length, offset + piece)]);
        }
    }

    /// <summary>Completes when the client has closed its end: true on an orderly close or a reset.</summary>
    public async Task<bool> ClosedByClientAsync()
    {
        try
        {
            while (await ReceiveAsync())
            {
            }

            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose() => socket.Dispose();

    private async Task<bool> ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, failsafe);
        _unread.AddRange(buffer.AsSpan(0, received));
        return received > 0;
    }
}
