using System.Net;
using System.Net.Sockets;
using System.Text;
using Portable.Adapters.Aws.Runtime;

namespace Portable.Aws.Tests.Runtime.Wire;

/// <summary>The Runtime API client's own socket, over the C library's calls.</summary>
public sealed class RuntimeApiSocketTests
{
    [Test]
    public async Task An_IPv6_loopback_endpoint_carries_a_request_and_its_answer()
    {
        using var server = new ScriptedServer(IPAddress.IPv6Loopback);
        using var client = new RuntimeApiClient($"[::1]:{server.Port}");

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        var request = await connection.ReadRequestAsync();
        const string body = "{\"v6\":true}";
        await connection.WriteAsync($"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-v6\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

        var invocation = await next;
        Assert.That(invocation.RequestId, Is.EqualTo("r-v6"));
        Assert.That(Encoding.UTF8.GetString(invocation.Event.Span), Is.EqualTo(body));
        Assert.That(request.Headers["Host"], Is.EqualTo($"[::1]:{server.Port}"));
    }

    [Test]
    public void A_socket_aborted_before_it_connects_never_connects()
    {
        using var server = new ScriptedServer();
        using var socket = new RuntimeApiSocket();

        socket.Abort();

        Assert.That(() => socket.Connect(new IPEndPoint(IPAddress.Loopback, server.Port)), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(socket.Connected, Is.False);
        Assert.That(server.Accepted, Is.Zero);
    }

    [Test]
    public async Task An_abort_ends_a_receive_under_way_or_to_come_with_the_end_of_the_stream()
    {
        using var server = new ScriptedServer();
        using var socket = new RuntimeApiSocket();
        socket.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        using var connection = await server.AcceptAsync();

        var receiving = Task.Run(() => socket.Receive(new byte[16]));
        socket.Abort();

        Assert.That(await receiving, Is.Zero);
    }

    [Test]
    public void A_refused_connection_is_a_socket_exception_saying_so()
    {
        int port;
        using (var server = new ScriptedServer())
        {
            port = server.Port;
        }

        using var socket = new RuntimeApiSocket();

        var failure = Assert.Throws<SocketException>(() => socket.Connect(new IPEndPoint(IPAddress.Loopback, port)));
        Assert.That(failure!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
    }
}
