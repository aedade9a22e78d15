using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Portable.Adapters.Aws.Runtime;

namespace Portable.Aws.Tests.Runtime.Wire;

/// <summary>
/// The Runtime API client's own HTTP/1.1 on the wire, against a server that answers exactly as each test scripts it. The
/// client blocks its thread until answered, as the runtime's loop does, so each call runs on its own task here.
/// </summary>
public sealed class RuntimeApiWireTests
{
    private const string NextPath = "/2018-06-01/runtime/invocation/next";
    private const string Accepted = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";

    [Test]
    public async Task A_chunked_event_is_read_whole_and_the_connection_carries_the_next_request()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        var request = await connection.ReadRequestAsync();
        await connection.WriteAsync(
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "9\r\n{\"hello\":\r\n3;name=value\r\n\"wo\r\n5\r\nrld\"}\r\n0\r\nX-Trailer: t\r\n\r\n");
        var invocation = await next;

        var response = Task.Run(() => client.SendResponse(invocation.RequestId, "{}"u8.ToArray(), CancellationToken.None));
        var posted = await connection.ReadRequestAsync();
        await connection.WriteAsync(Accepted);
        var accepted = await response;

        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.Target, Is.EqualTo(NextPath));
            Assert.That(request.Headers["Host"], Is.EqualTo(server.Endpoint));
            Assert.That(Encoding.UTF8.GetString(invocation.Event.Span), Is.EqualTo("""{"hello":"world"}"""));
            Assert.That(accepted, Is.True);
            Assert.That(posted.Target, Is.EqualTo("/2018-06-01/runtime/invocation/r-1/response"));
            Assert.That(server.Accepted, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_answer_arriving_a_few_bytes_at_a_time_is_read_whole()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);
        var body = JsonSerializer.Serialize(Enumerable.Range(0, 300).Select(i => $"item-{i}").ToArray());

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();
        await connection.WriteInPiecesAsync(NextAnswer("r-pieces", body, "Lambda-Runtime-Trace-Id: Root=1-pieces\r\n"), piece: 7);
        var invocation = await next;

        Assert.Multiple(() =>
        {
            Assert.That(invocation.RequestId, Is.EqualTo("r-pieces"));
            Assert.That(invocation.TraceId, Is.EqualTo("Root=1-pieces"));
            Assert.That(Encoding.UTF8.GetString(invocation.Event.Span), Is.EqualTo(body));
        });
    }

    [Test]
    public async Task A_six_megabyte_event_is_read_whole()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);
        var body = "\"" + new string('x', 6 * 1024 * 1024 - 2) + "\"";

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();
        await connection.WriteAsync(NextAnswer("r-big", body));
        var invocation = await next;

        Assert.That(invocation.Event.Span.SequenceEqual(Encoding.UTF8.GetBytes(body)), Is.True);
    }

    [Test]
    public async Task Header_names_are_found_whatever_their_case()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();
        await connection.WriteAsync(
            "HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: r-case\r\nLAMBDA-RUNTIME-DEADLINE-MS:1700000000000\r\n"
            + "Lambda-Runtime-Invoked-Function-ARN: arn:aws:lambda:eu-west-1:1:function:f\r\nlambda-RUNTIME-trace-ID: Root=1-case \r\n"
            + "content-LENGTH: 2\r\n\r\n{}");
        var invocation = await next;

        Assert.Multiple(() =>
        {
            Assert.That(invocation.RequestId, Is.EqualTo("r-case"));
            Assert.That(invocation.Deadline, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000)));
            Assert.That(invocation.FunctionArn, Is.EqualTo("arn:aws:lambda:eu-west-1:1:function:f"));
            Assert.That(invocation.TraceId, Is.EqualTo("Root=1-case"));
            Assert.That(invocation.Event.ToArray(), Is.EqualTo("{}"u8.ToArray()));
        });
    }

    [Test]
    public async Task A_kept_alive_connection_the_server_closed_while_idle_is_replaced_and_the_request_succeeds()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using (var first = await server.AcceptAsync())
        {
            await first.ReadRequestAsync();
            await first.WriteAsync(NextAnswer("r-idle", "{}"));
            await next;
        }

        var response = Task.Run(() => client.SendResponse("r-idle", """{"ok":1}"""u8.ToArray(), CancellationToken.None));
        using var second = await server.AcceptAsync();
        var posted = await second.ReadRequestAsync();
        await second.WriteAsync(Accepted);
        var accepted = await response;

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.True);
            Assert.That(posted.Body, Is.EqualTo("""{"ok":1}"""u8.ToArray()));
            Assert.That(server.Accepted, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Connection_close_is_honoured_and_the_next_request_opens_a_new_connection()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var first = await server.AcceptAsync();
        await first.ReadRequestAsync();
        await first.WriteAsync(NextAnswer("r-close", "{}", "Connection: Close\r\n"));
        await next;
        var closed = await first.ClosedByClientAsync();

        var response = Task.Run(() => client.SendResponse("r-close", "{}"u8.ToArray(), CancellationToken.None));
        using var second = await server.AcceptAsync();
        await second.ReadRequestAsync();
        await second.WriteAsync(Accepted);

        Assert.That(closed, Is.True);
        Assert.That(await response, Is.True);
    }

    [Test]
    public async Task A_server_closing_in_the_middle_of_a_body_fails_that_request_and_the_next_uses_a_fresh_connection()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);
        var next = Task.Run(() => client.Next(CancellationToken.None));
        using (var first = await server.AcceptAsync())
        {
            // A reused connection: a failure after the answer began is not retried.
            await first.ReadRequestAsync();
            await first.WriteAsync(NextAnswer("r-1", "{}"));
            await next;

            next = Task.Run(() => client.Next(CancellationToken.None));
            await first.ReadRequestAsync();
            await first.WriteAsync("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-2\r\nContent-Length: 100\r\n\r\n{\"partial\":");
        }

        var failure = Assert.ThrowsAsync<RuntimeApiException>(async () => await next);

        next = Task.Run(() => client.Next(CancellationToken.None));
        using var second = await server.AcceptAsync();
        await second.ReadRequestAsync();
        await second.WriteAsync(NextAnswer("r-3", "{}"));

        Assert.That(failure?.Message, Does.Contain("middle of its answer"));
        Assert.That((await next).RequestId, Is.EqualTo("r-3"));
        Assert.That(server.Accepted, Is.EqualTo(2));
    }

    [TestCase("HTTP/1.1 2OO OK")]
    [TestCase("HTTP/2 200 OK")]
    [TestCase("HTTP/1.1 200OK")]
    [TestCase("garbage")]
    [TestCase("HTTP/1.1 20 OK")]
    public async Task A_malformed_status_line_is_refused(string statusLine)
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();
        await connection.WriteAsync(statusLine + "\r\nContent-Length: 0\r\n\r\n");

        var failure = Assert.ThrowsAsync<RuntimeApiException>(async () => await next);
        Assert.That(failure?.Message, Does.Contain("malformed status line"));
    }

    [Test]
    public async Task Headers_beyond_64_KiB_are_refused()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();

        // Not awaited: the client stops reading at the limit, and may reset the connection while this is still being sent.
        var writing = connection.WriteAsync(NextAnswer("r-huge", "{}", "X-Padding: " + new string('a', 70 * 1024) + "\r\n"));

        var failure = Assert.ThrowsAsync<RuntimeApiException>(async () => await next);
        Assert.That(failure?.Message, Does.Contain("64 KiB of headers"));
        await Task.WhenAny(writing);
    }

    [Test]
    public async Task A_body_larger_than_16_MiB_is_refused_before_it_is_read()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();
        await connection.WriteAsync("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nContent-Length: 16777217\r\n\r\n{");

        var failure = Assert.ThrowsAsync<RuntimeApiException>(async () => await next);
        Assert.That(failure?.Message, Does.Contain("16777217 bytes"));
    }

    [Test]
    public async Task A_next_cancelled_while_the_server_holds_it_throws_and_drops_the_connection()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);
        using var stopping = new CancellationTokenSource();

        var held = Task.Run(() => client.Next(stopping.Token));
        using var first = await server.AcceptAsync();
        await first.ReadRequestAsync();
        await stopping.CancelAsync();

        Assert.That(async () => await held, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await first.ClosedByClientAsync(), Is.True);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var second = await server.AcceptAsync();
        await second.ReadRequestAsync();
        await second.WriteAsync(NextAnswer("r-after", "{}"));
        Assert.That((await next).RequestId, Is.EqualTo("r-after"));
    }

    [Test]
    public async Task A_response_refused_with_413_returns_false()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);
        var payload = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new string('p', 200 * 1024)));

        var response = Task.Run(() => client.SendResponse("r-413", payload, CancellationToken.None));
        using var connection = await server.AcceptAsync();
        var posted = await connection.ReadRequestAsync();
        await connection.WriteAsync("HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        var accepted = await response;

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.False);
            Assert.That(posted.Method, Is.EqualTo("POST"));
            Assert.That(posted.Target, Is.EqualTo("/2018-06-01/runtime/invocation/r-413/response"));
            Assert.That(posted.Headers["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(posted.Body, Is.EqualTo(payload));
        });
    }

    [Test]
    public async Task An_answer_other_than_2xx_is_a_RuntimeApiException_and_the_connection_stays_usable()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var refused = Task.Run(() => client.SendResponse("r-gone", "{}"u8.ToArray(), CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();
        await connection.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}");
        var failure = Assert.ThrowsAsync<RuntimeApiException>(async () => await refused);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        await connection.ReadRequestAsync();
        await connection.WriteAsync(NextAnswer("r-next", "{}"));

        Assert.That(failure?.Message, Does.Contain("400"));
        Assert.That((await next).RequestId, Is.EqualTo("r-next"));
    }

    [Test]
    public async Task An_error_post_carries_its_type_header_and_JSON_body()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var sending = Task.Run(() => client.SendError("r/err", new RuntimeError("it broke", "System.InvalidOperationException", ["at Here"]), "Function.InvalidOperationException", CancellationToken.None));
        using var connection = await server.AcceptAsync();
        var posted = await connection.ReadRequestAsync();
        await connection.WriteAsync(Accepted);
        await sending;

        var error = JsonDocument.Parse(posted.Body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(posted.Method, Is.EqualTo("POST"));
            Assert.That(posted.Target, Is.EqualTo("/2018-06-01/runtime/invocation/r%2Ferr/error"));
            Assert.That(posted.Headers["Lambda-Runtime-Function-Error-Type"], Is.EqualTo("Function.InvalidOperationException"));
            Assert.That(posted.Headers["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(error.GetProperty("errorMessage").GetString(), Is.EqualTo("it broke"));
            Assert.That(error.GetProperty("errorType").GetString(), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(error.GetProperty("stackTrace")[0].GetString(), Is.EqualTo("at Here"));
        });
    }

    [Test]
    public async Task A_second_request_while_one_is_under_way_is_refused()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient(server.Endpoint);

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        await connection.ReadRequestAsync();

        Assert.That(async () => await Task.Run(() => client.Next(CancellationToken.None)), Throws.InvalidOperationException.With.Message.Contains("one request at a time"));
        await connection.WriteAsync(NextAnswer("r-1", "{}"));
        Assert.That((await next).RequestId, Is.EqualTo("r-1"));
    }

    [Test]
    public async Task A_host_name_endpoint_is_resolved()
    {
        using var server = new ScriptedServer();
        using var client = new RuntimeApiClient($"localhost:{server.Port}");

        var next = Task.Run(() => client.Next(CancellationToken.None));
        using var connection = await server.AcceptAsync();
        var request = await connection.ReadRequestAsync();
        await connection.WriteAsync(NextAnswer("r-name", "{}"));

        Assert.That((await next).RequestId, Is.EqualTo("r-name"));
        Assert.That(request.Headers["Host"], Is.EqualTo($"localhost:{server.Port}"));
    }

    [TestCase("9001", "no :port")]
    [TestCase(":9001", "no host")]
    [TestCase("localhost:", "not a port")]
    [TestCase("localhost:http", "not a port")]
    [TestCase("localhost:70000", "not a port")]
    [TestCase("::1:9001", "in brackets")]
    [TestCase("[::1]9001", "in brackets")]
    [TestCase("[127.0.0.1]:9001", "not an IPv6 address")]
    public void An_endpoint_that_is_not_host_and_port_is_refused_with_the_reason(string endpoint, string reason)
    {
        Assert.That(() => new RuntimeApiClient(endpoint), Throws.ArgumentException.With.Message.Contains(reason).And.Message.Contains(endpoint));
    }

    [Test]
    public void An_IPv6_endpoint_in_brackets_is_accepted()
    {
        Assert.That(() => new RuntimeApiClient("[::1]:9001").Dispose(), Throws.Nothing);
    }

    [Test]
    public void A_refused_connection_is_a_RuntimeApiException()
    {
        int port;
        using (var server = new ScriptedServer())
        {
            port = server.Port;
        }

        using var client = new RuntimeApiClient($"127.0.0.1:{port}");

        var failure = Assert.ThrowsAsync<RuntimeApiException>(() => Task.Run(() => client.Next(CancellationToken.None)));
        Assert.That(failure?.InnerException, Is.InstanceOf<SocketException>());
    }

    private static string NextAnswer(string requestId, string body, string extraHeaders = "") =>
        $"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: {requestId}\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\n"
        + $"Content-Type: application/json\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
}
