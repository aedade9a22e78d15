using System.Globalization;
using System.Text;
using System.Text.Json;
using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>
/// Malformed requests on every route of the embedded host, each with the credential the route takes, so that what is
/// malformed is the only reason to refuse: text that is not text in strings and keys, ids that decode to no text,
/// HTTP/1.0 without Host, chunk sizes that overflow, bodies over the limit. Every answer is a 4xx, never a 5xx, and
/// afterwards nothing was written: no log, order, sample or workflow instance.
/// </summary>
[NonParallelizable]
public sealed class MalformedInputTests
{
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28];
    private static readonly byte[] EncodedSurrogate = [0xED, 0xA0, 0x80];

    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await LocalHostProcess.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    /// <summary>JSON bodies whose strings or keys hold no text; the keys are those the routes read, so each parser meets them.</summary>
    private static IEnumerable<(string What, byte[] Body)> BadBodies()
    {
        var fields = new[] { "Item", "device_id", "sampleId", "instrumentId" };
        foreach (var (what, bad) in new[] { ("invalid UTF-8", InvalidUtf8), ("an encoded surrogate", EncodedSurrogate) })
        {
            foreach (var field in fields)
            {
                yield return ($"{what} in {field}", Utf8($"{{\"{field}\":\"a", bad, "\",\"Amount\":1,\"error_number\":1,\"time_stamp\":1}"));
            }

            yield return ($"{what} in a key", Utf8("{\"", bad, "\":1}"));
            yield return ($"{what} in a batch", Utf8("[{\"sampleId\":\"", bad, "\",\"device_id\":\"d\"}]"));
        }

        foreach (var field in fields)
        {
            yield return ($"a lone surrogate in {field}", Encoding.UTF8.GetBytes($"{{\"{field}\":\"\\ud800\",\"Amount\":1,\"error_number\":1,\"time_stamp\":1}}"));
        }

        yield return ("a lone surrogate in a key", Encoding.UTF8.GetBytes("""{"\udc00":1}"""));
    }

    private static byte[] Utf8(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

    /// <summary>The credential header a route's policy takes, so authentication is not what refuses the request.</summary>
    private static (string Name, string Value)? Credential(AuthPolicy policy) => policy switch
    {
        AuthPolicy.ErrorLogsWrite => ("x-api-key", LocalHostProcess.WriteKey),
        AuthPolicy.ErrorLogsRead => ("x-api-key", LocalHostProcess.ReadKey),
        AuthPolicy.OrdersBearer => ("Authorization", "Bearer " + LocalHostProcess.AliceToken),
        AuthPolicy.Lab => ("x-api-key", LocalHostProcess.LabKey),
        AuthPolicy.Operator or AuthPolicy.InstanceStatus => ("x-functions-key", LocalHostProcess.OperatorKey),
        _ => null,
    };

    /// <summary>The route's path with every parameter set to <paramref name="value"/> (already escaped as it goes on the wire).</summary>
    private static string PathOf(ApiRoute route, string value) =>
        System.Text.RegularExpressions.Regex.Replace(ApiDocumentation.PathOf(route, "api"), @"\{[^}]+\}", value);

    private async Task<(int Status, string Body)> SendAsync(ApiRoute route, string path, byte[]? body)
    {
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        if (Credential(route.Policy) is { } credential)
        {
            request.Headers.TryAddWithoutValidation(credential.Name, credential.Value);
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Text_that_is_not_text_in_a_body_is_a_400_naming_where_it_is_on_every_route_that_reads_one()
    {
        var wrong = new List<string>();
        foreach (var route in CoreRoutes.Table.Routes.Where(route => route.Request is not null))
        {
            foreach (var (what, body) in BadBodies())
            {
                var (status, answer) = await SendAsync(route, PathOf(route, "x"), body);
                if (status != 400 || !answer.Contains("\"errors\"", StringComparison.Ordinal))
                {
                    wrong.Add($"{route.Name} with {what}: {status} {answer}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task Ids_that_decode_to_no_text_are_a_4xx_on_every_route_with_parameters()
    {
        var wrong = new List<string>();
        foreach (var route in CoreRoutes.Table.Routes.Where(route => route.Template.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var id in new[] { "%ED%A0%80", "%FF", "%C3%28", "%00" })
            {
                var (status, answer) = await SendAsync(route, PathOf(route, id), route.HasBody ? "{}"u8.ToArray() : null);
                if (status is < 400 or >= 500 && !(route.Name == "GetMetadata" && status == 200))
                {
                    wrong.Add($"{route.Name} with {id}: {status} {answer}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task A_request_without_host_is_a_400_on_every_route_and_the_dashboard()
    {
        var paths = CoreRoutes.Table.Routes.Select(route => (route.Method, PathOf(route, "x")))
            .Append(("GET", "/dashboard/")).Append(("POST", "/dashboard/api/orders/x/cancel"));
        var wrong = new List<string>();
        foreach (var (method, path) in paths)
        {
            var status = await RawHttp.StatusAsync(_host.BaseAddress, RawHttp.Bytes($"{method} {path} HTTP/1.0\r\nContent-Length: 0\r\n\r\n"));
            if (status != 400)
            {
                wrong.Add($"{method} {path}: {status}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task A_chunk_size_that_overflows_is_a_4xx_on_every_route()
    {
        var wrong = new List<string>();
        foreach (var route in CoreRoutes.Table.Routes)
        {
            var credential = Credential(route.Policy) is { } found ? $"{found.Name}: {found.Value}\r\n" : "";
            var head = $"{route.Method} {PathOf(route, "x")} HTTP/1.1\r\nHost: {_host.BaseAddress.Authority}\r\n{credential}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFF\r\n{{}}\r\n0\r\n\r\n";
            var status = await RawHttp.StatusAsync(_host.BaseAddress, RawHttp.Bytes(head));
            if (status is < 400 or >= 500)
            {
                wrong.Add($"{route.Name}: {status}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public async Task A_body_over_the_limit_is_a_413_on_every_route_that_reads_one_announced_or_chunked()
    {
        var wrong = new List<string>();
        var oversize = new byte[ApiLimits.MaxBodyBytes + 1];
        Array.Fill(oversize, (byte)' ');
        foreach (var route in CoreRoutes.Table.Routes.Where(route => route.HasBody))
        {
            var (announced, _) = await SendAsync(route, PathOf(route, "x"), oversize);
            var credential = Credential(route.Policy) is { } found ? $"{found.Name}: {found.Value}\r\n" : "";
            var chunkSize = oversize.Length.ToString("X", CultureInfo.InvariantCulture);
            var chunked = await RawHttp.StatusAsync(_host.BaseAddress, RawHttp.Bytes(
                $"{route.Method} {PathOf(route, "x")} HTTP/1.1\r\nHost: {_host.BaseAddress.Authority}\r\n{credential}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunkSize}\r\n",
                [.. oversize, .. "\r\n0\r\n\r\n"u8.ToArray()]));
            if (announced != 413 || chunked != 413)
            {
                wrong.Add($"{route.Name}: announced {announced}, chunked {chunked}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    /// <summary>Runs last (by name order within the fixture is not promised, so it sends its own malformed requests first).</summary>
    [Test]
    public async Task Nothing_malformed_is_written()
    {
        foreach (var route in CoreRoutes.Table.Routes.Where(route => route.HasBody))
        {
            foreach (var (_, body) in BadBodies())
            {
                await SendAsync(route, PathOf(route, "x"), body);
            }
        }

        var client = _host.Client;
        var (_, logs, _) = await client.SendJsonAsync(HttpMethod.Get, "api/logs?limit=100", headers: HttpTestExtensions.ApiKey(LocalHostProcess.ReadKey));
        var (_, instances, _) = await client.SendJsonAsync(HttpMethod.Get, "runtime/webhooks/durabletask/instances");
        var (_, orders, _) = await client.SendJsonAsync(HttpMethod.Get, "dashboard/api/orders");
        var (_, failures, _) = await client.SendJsonAsync(HttpMethod.Get, "api/qc/failures");

        Assert.Multiple(() =>
        {
            Assert.That(logs.GetArrayLength(), Is.Zero, "error logs");
            Assert.That(instances.GetArrayLength(), Is.Zero, "workflow instances");
            Assert.That(orders.GetProperty("orders").GetArrayLength(), Is.Zero, "orders");
            Assert.That(failures.GetArrayLength(), Is.Zero, "failed samples");
        });
    }
}
