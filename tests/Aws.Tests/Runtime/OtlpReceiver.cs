using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Portable.Aws.Tests.Runtime;

/// <summary>
/// An OTLP/HTTP collector on a loopback port that keeps every export's path and protobuf body. An export is recorded
/// before it is answered, so an exporter that has finished flushing has been recorded.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _answerAfter;
    private readonly Task _loop;
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="answerAfter">When given, each export is recorded on arrival but answered only once this completes:
    /// an export still on its way.</param>
    public OtlpReceiver(Task? answerAfter = null)
    {
        _answerAfter = answerAfter ?? Task.CompletedTask;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    /// <summary>Whether an export to <paramref name="path"/> holds every one of <paramref name="parts"/> (protobuf keeps strings and ids as raw bytes).</summary>
    public bool Received(string path, params byte[][] parts) =>
        Exports.Any(export => export.Path == path && parts.All(part => export.Body.AsSpan().IndexOf(part) >= 0));

    /// <summary>Completes once an export like <see cref="Received"/> asks for has been recorded.</summary>
    public async Task WhenReceivedAsync(string path, params byte[][] parts)
    {
        while (true)
        {
            // Taken before the check, so an export recorded in between is not missed.
            var next = Volatile.Read(ref _recorded).Task;
            if (Received(path, parts))
            {
                return;
            }

            await next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending accept with this.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            Interlocked.Exchange(ref _recorded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
            await _answerAfter;
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
