using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Portable.Aws.Tests.Emulator;

/// <summary>
/// A local Lambda Runtime API (2018-06-01) on loopback, for running a real bootstrap process: events wait
/// in a queue until the runtime's <c>next</c> takes them, and responses, invocation errors and init errors
/// are captured. Shared by the tests and the benchmark.
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private const string Root = "/2018-06-01/runtime/";

    private readonly HttpListener _listener = new();
    private readonly Channel<EmulatedInvocation> _pending = Channel.CreateUnbounded<EmulatedInvocation>();
    private readonly ConcurrentDictionary<string, EmulatedInvocation> _handedOut = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InvocationOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _nextCalls;
    private int _disposed;

    private RuntimeApiEmulator(int port)
    {
        Endpoint = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://{Endpoint}/");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Endpoint { get; }

    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-2:123456789012:function:portable-test";

    /// <summary>Completes when the runtime reports an init error.</summary>
    public Task<InvocationOutcome> InitError => _initError.Task;

    /// <summary>How many times a runtime has asked for the next event.</summary>
    public int NextCalls => Volatile.Read(ref _nextCalls);

    public static RuntimeApiEmulator Start()
    {
        // HttpListener needs a port up front; a just-freed ephemeral one is as good as it gets.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new RuntimeApiEmulator(port);
    }

    /// <summary>Queues an event; the returned invocation completes when the runtime answers it.</summary>
    public EmulatedInvocation Enqueue(string eventJson, TimeSpan? timeout = null, string? traceId = null)
    {
        var invocation = new EmulatedInvocation(Guid.NewGuid().ToString(), eventJson, timeout ?? TimeSpan.FromSeconds(30), traceId);
        _pending.Writer.TryWrite(invocation);
        return invocation;
    }

    /// <summary>Queues an event and waits for its outcome, failing after <paramref name="wait"/>.</summary>
    public async Task<InvocationOutcome> InvokeAsync(string eventJson, TimeSpan? timeout = null, string? traceId = null, TimeSpan? wait = null)
    {
        var invocation = Enqueue(eventJson, timeout, traceId);
        return await invocation.Outcome.WaitAsync(wait ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Closes the API, as if Lambda had gone away; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing the listener ends the accept loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
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

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "";
        try
        {
            if (request.HttpMethod == "GET" && path == Root + "invocation/next")
            {
                await NextAsync(context);
                return;
            }

            if (request.HttpMethod == "POST" && path == Root + "init/error")
            {
                _initError.TrySetResult(await ReadOutcomeAsync(context, "init", succeeded: false));
                Answer(context, 202);
                return;
            }

            var parts = path.StartsWith(Root + "invocation/", StringComparison.Ordinal) ? path[(Root.Length + "invocation/".Length)..].Split('/') : [];
            if (request.HttpMethod == "POST" && parts.Length == 2 && parts[1] is "response" or "error"
                && _handedOut.TryRemove(Uri.UnescapeDataString(parts[0]), out var invocation))
            {
                invocation.Complete(await ReadOutcomeAsync(context, invocation.RequestId, succeeded: parts[1] == "response"));
                Answer(context, 202);
                return;
            }

            Answer(context, 404);
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The runtime went away mid-request (killed on purpose by a test); nothing to answer.
        }
    }

    private async Task NextAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _nextCalls);
        var invocation = await _pending.Reader.ReadAsync(_stop.Token);
        try
        {
            var response = context.Response;
            var deadline = DateTimeOffset.UtcNow.Add(invocation.Timeout).ToUnixTimeMilliseconds();
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
            response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
            if (invocation.TraceId is not null)
            {
                response.Headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
            }

            var body = Encoding.UTF8.GetBytes(invocation.EventJson);
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            _handedOut[invocation.RequestId] = invocation;
            invocation.HandedOutAt = Stopwatch.GetTimestamp();
            await response.OutputStream.WriteAsync(body, _stop.Token);
            response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The runtime died while waiting: the event goes back for the next runtime.
            _handedOut.TryRemove(invocation.RequestId, out _);
            _pending.Writer.TryWrite(invocation);
        }
    }

    private static async Task<InvocationOutcome> ReadOutcomeAsync(HttpListenerContext context, string requestId, bool succeeded)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return new InvocationOutcome(requestId, succeeded, body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"], Stopwatch.GetTimestamp());
    }

    private static void Answer(HttpListenerContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }
}
