using System.Net.Sockets;
using System.Text;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>Requests no HTTP client would send (HTTP/1.0 without Host, absurd chunk sizes), written to the socket as bytes.</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and answers the status of the response's status line.</summary>
    public static async Task<int> StatusAsync(Uri baseAddress, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        await stream.FlushAsync();

        var received = new List<byte>();
        var buffer = new byte[1024];
        while (!Encoding.ASCII.GetString([.. received]).Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var line = Encoding.ASCII.GetString([.. received]).Split("\r\n")[0];
        var parts = line.Split(' ');
        return parts.Length >= 2 && int.TryParse(parts[1], out var status)
            ? status
            : throw new InvalidOperationException($"No status line came back: '{line}'.");
    }

    public static byte[] Bytes(string head, byte[]? body = null) => [.. Encoding.ASCII.GetBytes(head), .. body ?? []];
}
