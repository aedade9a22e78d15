using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Portable.Tests.Support;
using static Portable.EndToEnd.Tests.HttpTestExtensions;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// The database server is stopped (SIGSTOP: it keeps its connections and accepts new ones, and answers nothing) for
/// about 30 s while clients write and read error logs, place orders and ask for readiness, then resumes. Every answer
/// meanwhile is a success or a 503 with Retry-After, never a 500 and never a hang (the clients give up after 20 s,
/// well short of the driver's default 30 s); everything acknowledged is there afterwards and every workflow ends.
/// </summary>
[NonParallelizable]
public sealed class HungDatabaseTests
{
    private const int Clients = 6;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    [Test]
    [CancelAfter(300_000)]
    public async Task A_hung_database_answers_503_with_retry_after_loses_nothing_acknowledged_and_every_workflow_ends()
    {
        await using var server = await PrivateMariaDb.StartAsync();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "MySql",
            ["ConnectionStrings__MySql"] = server.ConnectionString,
            ["Queues__Provider"] = "Sqs",
            ["Sqs__ServiceUrl"] = TestServers.SqsServiceUrl,
            ["Sqs__QueuePrefix"] = $"hung-{Guid.NewGuid():N}-",
            ["Orders__DeliveryDelay"] = "00:00:02",
            ["Orders__DispatchInterval"] = "00:00:00.500",
            ["Orders__Payment__Limit"] = "1000",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Hang };
        var answers = new ConcurrentBag<Answer>();
        var storedLogs = new ConcurrentBag<string>();
        var placedOrders = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var answer = await SendAsync(client, worker, round, storedLogs, placedOrders);
                answers.Add(answer);
                if (answer.Status == 503)
                {
                    await Task.Delay(200);
                }
            }
        })).ToList();

        await WaitForAsync(() => placedOrders.Count >= Clients && storedLogs.Count >= Clients);
        var before = answers.Count;
        await server.PauseAsync();
        try
        {
            await Task.Delay(Pause);
        }
        finally
        {
            await server.ResumeAsync();
        }

        var during = answers.ToArray();
        await WaitForAsync(() => answers.Skip(during.Length).Any(a => a.Route == "POST /api/logs" && a.Status == 201));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = answers.ToArray();
        var ends = new List<string>();
        foreach (var id in placedOrders)
        {
            var (_, order, _) = await Eventually.Get(
                () => host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{id}", headers: Bearer(LocalHostProcess.AliceToken)),
                read => read.Status == 200 && read.Body.GetProperty("status").GetString() is "COMPLETED" or "FAILED" or "CANCELLED",
                within: TimeSpan.FromSeconds(120),
                what: $"order {id} to end after the database resumed");
            ends.Add(order.GetProperty("status").GetString()!);
        }

        var missing = new List<string>();
        foreach (var device in storedLogs)
        {
            if (await AppDatabase.ScalarAsync(host, "SELECT COUNT(*) FROM Logs WHERE device_id = @device", ("@device", device)) != 1)
            {
                missing.Add(device);
            }
        }

        var unavailable = all.Where(a => a.Status == 503).ToList();
        await TestContext.Progress.WriteLineAsync(
            $"{all.Length} answers ({before} before the pause), {unavailable.Count} of them 503; " +
            $"slowest by route: {string.Join(", ", all.GroupBy(a => a.Route).Select(g => $"{g.Key} {g.Max(a => a.Elapsed).TotalSeconds:F1} s"))}; " +
            $"{placedOrders.Count} orders, {storedLogs.Count} log posts acknowledged.");
        Assert.Multiple(() =>
        {
            Assert.That(all.Where(a => a.Status is not (200 or 201 or 202 or 503)).Select(a => a.ToString()), Is.Empty, "only successes and 503s");
            Assert.That(unavailable.Where(a => a.Route != "GET /health/ready" && !a.RetryAfter).Select(a => a.ToString()), Is.Empty, "every 503 says when to retry");
            Assert.That(unavailable.Select(a => a.Route).Distinct(), Is.SupersetOf(new[] { "POST /api/logs", "GET /api/logs", "POST /api/order", "GET /health/ready" }),
                "every route met the hung database");
            Assert.That(missing, Is.Empty, "every acknowledged log is stored, once");
            Assert.That(ends, Is.All.EqualTo("COMPLETED"), "every order placed ends as it would have");
        });
    }

    /// <summary>One request of a rotation over the routes; an unanswered one (the client's timeout) is status 0.</summary>
    private static async Task<Answer> SendAsync(HttpClient client, int worker, int round, ConcurrentBag<string> storedLogs, ConcurrentBag<string> placedOrders)
    {
        var (route, request) = (round % 4) switch
        {
            0 => ("POST /api/logs", Post("api/logs", $$"""{"device_id":"hung-{{worker}}-{{round}}","error_number":7,"time_stamp":{{round}}}""", ApiKey(LocalHostProcess.WriteKey))),
            1 => ("GET /api/logs", Get("api/logs?limit=5", ApiKey(LocalHostProcess.ReadKey))),
            2 => ("POST /api/order", Post("api/order", """{"Item":"hung","Amount":20}""", Bearer(LocalHostProcess.AliceToken))),
            _ => ("GET /health/ready", Get("health/ready", null)),
        };
        using var message = request;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (route == "POST /api/logs" && status == 201)
            {
                storedLogs.Add($"hung-{worker}-{round}");
            }
            else if (route == "POST /api/order" && status == 202)
            {
                placedOrders.Add(JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!);
            }

            return new Answer(route, status, response.Headers.RetryAfter is not null, clock.Elapsed);
        }
        catch (TaskCanceledException)
        {
            return new Answer(route, 0, false, clock.Elapsed);
        }
    }

    private static HttpRequestMessage Post(string path, string json, Action<System.Net.Http.Headers.HttpRequestHeaders> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        headers(request.Headers);
        return request;
    }

    private static HttpRequestMessage Get(string path, Action<System.Net.Http.Headers.HttpRequestHeaders>? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        headers?.Invoke(request.Headers);
        return request;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(50);
        }
    }

    private sealed record Answer(string Route, int Status, bool RetryAfter, TimeSpan Elapsed);
}
