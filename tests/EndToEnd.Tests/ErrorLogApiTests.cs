using System.Text.Json;
using static Portable.EndToEnd.Tests.HttpTestExtensions;

namespace Portable.EndToEnd.Tests;

[NonParallelizable]
[TestFixture(Backend.Embedded)]
[TestFixture(Backend.MySqlSqs)]
public sealed class ErrorLogApiTests(string backend)
{
    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await Backend.StartHostAsync(backend);

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private Task<(int Status, JsonElement Body, HttpResponseMessage Response)> Post(string json, string key = LocalHostProcess.WriteKey) =>
        _host.Client.SendJsonAsync(HttpMethod.Post, "api/logs", json, ApiKey(key));

    private Task<(int Status, JsonElement Body, HttpResponseMessage Response)> Get(string query = "", string key = LocalHostProcess.ReadKey) =>
        _host.Client.SendJsonAsync(HttpMethod.Get, "api/logs" + query, headers: ApiKey(key));

    private static string Log(string device, int number, long stamp) =>
        $$"""{"device_id":{{JsonSerializer.Serialize(device)}},"error_number":{{number}},"time_stamp":{{stamp}}}""";

    [Test]
    public async Task A_posted_batch_is_answered_201_with_its_ids_and_read_back_newest_first()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var (status, body, _) = await Post($"[{Log(device, 1, 100)},{Log(device, 2, 300)},{Log(device, 3, 200)}]");

        Assert.That(status, Is.EqualTo(201));
        var ids = body.GetProperty("error_log_ids").EnumerateArray().Select(id => id.GetInt64()).ToArray();
        Assert.That(ids, Has.Length.EqualTo(3).And.Ordered.Ascending);

        var (readStatus, logs, _) = await Get($"?device_id={device}");
        Assert.That(readStatus, Is.EqualTo(200));
        Assert.That(logs.EnumerateArray().Select(log => log.GetProperty("time_stamp").GetInt64()), Is.EqualTo(new long[] { 300, 200, 100 }));
        Assert.That(logs[0].GetProperty("error_log_id").GetInt64(), Is.EqualTo(ids[1]));
    }

    [Test]
    public async Task Reads_give_the_ten_most_recent_by_default_and_honour_limit()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        await Post("[" + string.Join(",", Enumerable.Range(1, 15).Select(i => Log(device, i, 1_000 + i))) + "]");

        var (_, ten, _) = await Get($"?device_id={device}");
        var (_, three, _) = await Get($"?device_id={device}&limit=3");
        var (_, overall, _) = await Get("?limit=100");

        Assert.That(ten.GetArrayLength(), Is.EqualTo(10));
        Assert.That(ten[0].GetProperty("error_number").GetInt32(), Is.EqualTo(15));
        Assert.That(three.EnumerateArray().Select(log => log.GetProperty("error_number").GetInt32()), Is.EqualTo(new[] { 15, 14, 13 }));
        Assert.That(overall.EnumerateArray().Select(log => log.GetProperty("time_stamp").GetInt64()), Is.Ordered.Descending);
    }

    [Test]
    public async Task Equal_time_stamps_are_ordered_by_newest_id()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        await Post($"[{Log(device, 1, 500)},{Log(device, 2, 500)}]");

        var (_, logs, _) = await Get($"?device_id={device}");

        Assert.That(logs.EnumerateArray().Select(log => log.GetProperty("error_number").GetInt32()), Is.EqualTo(new[] { 2, 1 }));
    }

    [Test]
    public async Task A_batch_with_one_bad_record_stores_nothing()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var (status, body, response) = await Post($"[{Log(device, 1, 1)},{{\"device_id\":\"{device}\",\"error_number\":1,\"time_stamp\":-1}}]");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(body.GetProperty("errors").TryGetProperty("[1].time_stamp", out _), Is.True);
        var (_, logs, _) = await Get($"?device_id={device}");
        Assert.That(logs.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Sql_in_a_device_id_is_stored_as_given()
    {
        const string device = "'; DROP TABLE Logs; --";
        var (status, _, _) = await Post(Log(device, 13, 42));

        var (_, logs, _) = await Get("?device_id=" + Uri.EscapeDataString(device));

        Assert.That(status, Is.EqualTo(201));
        Assert.That(logs[0].GetProperty("device_id").GetString(), Is.EqualTo(device));
    }

    [Test]
    public async Task Keys_are_separate_missing_is_401_and_wrong_is_403()
    {
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Post, "api/logs", Log("d", 1, 1))).Status, Is.EqualTo(401));
        Assert.That((await Post(Log("d", 1, 1), key: LocalHostProcess.ReadKey)).Status, Is.EqualTo(403));
        Assert.That((await Get(key: LocalHostProcess.WriteKey)).Status, Is.EqualTo(403));
        Assert.That((await Get(key: "wrong")).Status, Is.EqualTo(403));
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Get, "api/logs")).Status, Is.EqualTo(401));
    }

    [TestCase("{not json", "body")]
    [TestCase("""{"device_id":"d","error_number":"x","time_stamp":1}""", "error_number")]
    [TestCase("""{"device_id":"d","error_number":1}""", "time_stamp")]
    public async Task Bad_bodies_are_400_naming_the_field(string json, string field)
    {
        var (status, body, _) = await Post(json);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("errors").TryGetProperty(field, out _), Is.True, body.ToString());
    }

    [TestCase("?limit=0")]
    [TestCase("?limit=101")]
    [TestCase("?limit=ten")]
    public async Task A_bad_limit_is_400_naming_limit(string query)
    {
        var (status, body, _) = await Get(query);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("errors").TryGetProperty("limit", out _), Is.True);
    }

    [Test]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        var huge = "[" + string.Join(",", Enumerable.Repeat(Log(new string('x', 255), 1, 1), 4000)) + "]";

        var (status, _, _) = await Post(huge);

        Assert.That(huge.Length, Is.GreaterThan(1024 * 1024));
        Assert.That(status, Is.EqualTo(413));
    }

    [Test]
    public async Task A_thousand_record_batch_is_accepted()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var (status, body, _) = await Post("[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => Log(device, i, i))) + "]");

        Assert.That(status, Is.EqualTo(201));
        Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(1000));
    }

    [Test]
    public async Task A_retried_post_with_the_same_idempotency_key_gets_the_same_ids_and_stores_once()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var key = "logs-" + Guid.NewGuid().ToString("N");
        var json = $"[{Log(device, 1, 100)},{Log(device, 2, 200)}]";
        void Keyed(System.Net.Http.Headers.HttpRequestHeaders headers)
        {
            ApiKey(LocalHostProcess.WriteKey)(headers);
            headers.Add("Idempotency-Key", key);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _host.Client.SendJsonAsync(HttpMethod.Post, "api/logs", json, Keyed)));
        var (other, problem, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/logs", $"[{Log(device, 3, 300)}]", Keyed);
        var (_, logs, _) = await Get($"?device_id={device}");

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(201));
            Assert.That(answers.Select(a => a.Body.GetProperty("error_log_ids").ToString()).Distinct().Count(), Is.EqualTo(1), "the same ids each time");
            Assert.That(other, Is.EqualTo(422));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(key));
            Assert.That(logs.GetArrayLength(), Is.EqualTo(2), "stored once");
        });
    }

    [Test]
    public async Task A_malformed_idempotency_key_is_a_400_naming_the_header()
    {
        var (status, problem, _) = await _host.Client.SendJsonAsync(
            HttpMethod.Post, "api/logs", Log("dev-x", 1, 1), headers => { ApiKey(LocalHostProcess.WriteKey)(headers); headers.TryAddWithoutValidation("Idempotency-Key", "has spaces in it"); });

        Assert.That(status, Is.EqualTo(400));
        Assert.That(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True, problem.ToString());
    }
}
