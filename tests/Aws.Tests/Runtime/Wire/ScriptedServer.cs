using System.Net;
using System.Net.Sockets;

namespace Portable.Aws.Tests.Runtime.Wire;

/// <summary>
/// A raw TCP server on loopback that a test drives step by step to play the Runtime API, well-behaved or not: the test accepts
/// each connection, reads each request and writes whatever bytes it means to. Every wait ends at the latest after a minute, so a
/// broken client fails its test instead of hanging the run.
/// </summary>
public sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _failsafe = new(TimeSpan.FromMinutes(1));
    private int _accepted;

    /// <param name="address">The loopback address to listen on; IPv4's by default.</param>
    public ScriptedServer(IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>How many connections the test has accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public async Task<ScriptedConnection> AcceptAsync()
    {
        var socket = await _listener.AcceptSocketAsync(_failsafe.Token);
        socket.NoDelay = true;
        Interlocked.Increment(ref _accepted);
        return new ScriptedConnection(socket, _failsafe.Token);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _failsafe.Dispose();
    }
}
