using System.Text.Json;
using System.Text.Json.Nodes;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>
/// The real bootstrap, one process per function as Lambda would run them (api, authorizer, queue), each
/// against its own emulated Runtime API and all on one database, driven with the documented event formats.
/// </summary>
[NonParallelizable]
public sealed class BootstrapEndToEndTests
{
    private const string WriteKey = "e2e-write-key";
    private const string ReadKey = "e2e-read-key";
    private const string AliceToken = "alice-token";
    private const string LabKey = "e2e-lab-key";

    private DirectoryInfo _directory = null!;
    private Dictionary<string, string> _settings = null!;
    private LambdaFunction _api = null!;
    private LambdaFunction _authorizer = null!;
    private LambdaFunction _queue = null!;

    [OneTimeSetUp]
    public void StartFunctions()
    {
        _directory = Directory.CreateTempSubdirectory("portable-aws-e2e-");
        _settings = new Dictionary<string, string>
        {
            ["ErrorLogs__WriteKey"] = WriteKey,
            ["ErrorLogs__ReadKey"] = ReadKey,
            ["Orders__Tokens"] = $"{AliceToken}=alice@example.com;bob-token=bob@example.com",
            ["Quality__LabKey"] = LabKey,
            ["Storage__Sqlite__Path"] = Path.Combine(_directory.FullName, "app.db"),
            ["Sqs__QueuePrefix"] = "portable-",
            ["Quality__Notifier__WebhookUrl"] = "http://127.0.0.1:9/qc",
            ["AWS_LAMBDA_LOG_LEVEL"] = "INFO",
        };
        _api = LambdaFunction.Start(HandlerNames.Api, _settings);
        _authorizer = LambdaFunction.Start(HandlerNames.Authorizer, _settings);
        _queue = LambdaFunction.Start(HandlerNames.Queue, _settings);
    }

    [OneTimeTearDown]
    public async Task StopFunctions()
    {
        await _api.DisposeAsync();
        await _authorizer.DisposeAsync();
        await _queue.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private static Dictionary<string, string> Key(string key) => new() { ["x-api-key"] = key };

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    private static int Status(JsonElement response) => response.GetProperty("statusCode").GetInt32();

    private static JsonElement Body(JsonElement response) => JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement;

    private static string[] Failures(JsonElement answer) =>
        answer.GetProperty("batchItemFailures").EnumerateArray().Select(failure => failure.GetProperty("itemIdentifier").GetString()!).ToArray();

    private static string Log(string device, int number, long stamp) =>
        $$"""{"device_id":{{JsonSerializer.Serialize(device)}},"error_number":{{number}},"time_stamp":{{stamp}}}""";

    [Test]
    public async Task Seed_001_error_logs_are_posted_through_an_http_api_event_and_read_through_a_rest_event()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");

        var posted = await _api.InvokeJsonAsync(ApiEvents.V2("POST", "/api/logs", Key(WriteKey), $"[{Log(device, 1, 100)},{Log(device, 2, 300)},{Log(device, 3, 200)}]", stage: "prod"));
        var read = await _api.InvokeJsonAsync(ApiEvents.V1("GET", $"/api/logs?device_id={device}", Key(ReadKey)));
        var anonymous = await _api.InvokeJsonAsync(ApiEvents.V2("GET", "/api/logs"));
        var wrongKey = await _api.InvokeJsonAsync(ApiEvents.V1("GET", "/api/logs", Key(WriteKey)));

        Assert.Multiple(() =>
        {
            Assert.That(Status(posted), Is.EqualTo(201));
            Assert.That(Body(posted).GetProperty("error_log_ids").GetArrayLength(), Is.EqualTo(3));
            Assert.That(Status(read), Is.EqualTo(200));
            Assert.That(Body(read).EnumerateArray().Select(log => log.GetProperty("time_stamp").GetInt64()), Is.EqualTo(new long[] { 300, 200, 100 }));
            Assert.That(Status(anonymous), Is.EqualTo(401));
            Assert.That(Status(wrongKey), Is.EqualTo(403));
        });
    }

    [Test]
    public async Task Error_logs_buffered_through_sqs_are_stored_and_a_bad_message_alone_is_reported()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var (batch, ids) = QueueEvents.Sqs(
            "portable-error-logs",
            Log(device, 1, 10),
            $"[{Log(device, 2, 20)},{{\"device_id\":\"{device}\"}}]",
            $"[{Log(device, 3, 30)},{Log(device, 4, 40)}]");

        var answer = await _queue.InvokeJsonAsync(batch);
        var read = await _api.InvokeJsonAsync(ApiEvents.V2("GET", $"/api/logs?device_id={device}", Key(ReadKey)));

        Assert.That(Failures(answer), Is.EqualTo(new[] { ids[1] }));
        Assert.That(Body(read).EnumerateArray().Select(log => log.GetProperty("error_number").GetInt32()), Is.EqualTo(new[] { 4, 3, 1 }));
        Assert.That(_queue.Process.Output, Does.Contain(ids[1]).And.Contain("malformed"));
    }

    [Test]
    public async Task The_authorizer_lets_a_known_token_through_with_its_identity_and_turns_others_away()
    {
        var allowed = await _authorizer.InvokeJsonAsync(Fixture.Text("authorizer-v2.json"));
        var refused = await _authorizer.InvokeJsonAsync(Fixture.Text("authorizer-v2.json").Replace("Bearer alice-token", "Bearer stolen", StringComparison.Ordinal));
        var policy = await _authorizer.InvokeJsonAsync(Fixture.Text("authorizer-token.json").Replace("alice-token", "stolen", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(allowed.GetProperty("isAuthorized").GetBoolean(), Is.True);
            Assert.That(allowed.GetProperty("context").GetProperty("identity").GetString(), Is.EqualTo("alice@example.com"));
            Assert.That(refused.GetProperty("isAuthorized").GetBoolean(), Is.False);
            Assert.That(policy.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString(), Is.EqualTo("Deny"));
            Assert.That(_authorizer.Process.Output, Does.Not.Contain("stolen"));
        });
    }

    [Test]
    public async Task Malformed_qc_messages_are_reported_in_batch_item_failures_and_logged_with_their_ids()
    {
        var (batch, ids) = QueueEvents.Sqs("portable-qc-samples", "{\"sampleId\":", """{"sampleId":"S 1","instrumentId":"UV-1"}""", "[]");

        var answer = await _queue.InvokeJsonAsync(batch);

        Assert.That(Failures(answer), Is.EqualTo(ids));
        Assert.That(ids, Has.All.Matches<string>(id => _queue.Process.Output.Contains(id, StringComparison.Ordinal)));
    }

    [Test]
    public async Task A_qc_batch_with_bad_messages_fails_only_those()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (batch, ids) = QueueEvents.Sqs(
            "portable-qc-samples",
            QueueEvents.Sample($"S-{run}-1"),
            "{oops",
            $"[{QueueEvents.Sample($"S-{run}-2")},{QueueEvents.Sample($"S-{run}-3")}]",
            """{"sampleId":"x"}""");

        var answer = await _queue.InvokeJsonAsync(batch);
        var sample = await _api.InvokeJsonAsync(ApiEvents.V2("GET", $"/api/samples/S-{run}-2", Key(LabKey)));

        Assert.That(Failures(answer), Is.EqualTo(new[] { ids[1], ids[3] }));
        Assert.That(Status(sample), Is.EqualTo(200));
    }

    [Test]
    public async Task Order_routes_refuse_a_missing_token_and_answer_404_for_an_unknown_order()
    {
        var anonymous = await _api.InvokeJsonAsync(ApiEvents.V2("POST", "/api/order", body: """{"Item":"book","Amount":1}"""));
        var unknown = await _api.InvokeJsonAsync(ApiEvents.V2("PUT", "/api/cancel/ORD0999999", Bearer(AliceToken)));

        Assert.That(Status(anonymous), Is.EqualTo(401));
        Assert.That(Status(unknown), Is.EqualTo(404));
    }

    [Test]
    public async Task Seed_002_an_order_is_placed_read_and_cancelled_through_api_events()
    {

        var placed = await _api.InvokeJsonAsync(ApiEvents.V2("POST", "/api/order", Bearer(AliceToken), """{"Item":"book","Amount":3,"Description":"e2e"}"""));
        var orderId = Body(placed).GetProperty("orderId").GetString()!;
        var read = await _api.InvokeJsonAsync(ApiEvents.V1("GET", "/api/order/" + orderId, Bearer(AliceToken)));
        var cancelled = await _api.InvokeJsonAsync(ApiEvents.V2("PUT", "/api/cancel/" + orderId, Bearer(AliceToken)));

        Assert.Multiple(() =>
        {
            Assert.That(Status(placed), Is.EqualTo(202));
            Assert.That(Body(read).GetProperty("orderedBy").GetString(), Is.EqualTo("alice@example.com"));
            Assert.That(Status(cancelled), Is.AnyOf(202, 409));
        });
    }

    [Test]
    public async Task The_schedule_drains_the_dispatch_queue()
    {
        await using var schedule = LambdaFunction.Start(HandlerNames.Schedule, _settings);

        var result = await schedule.InvokeJsonAsync(Fixture.Text("scheduled-event.json"));

        Assert.That(result.GetProperty("failed").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task A_broken_event_fails_its_invocation_only_and_the_trace_header_reaches_the_logs()
    {
        const string trace = "Root=1-6552a1b4-e2e000000000000000000001;Sampled=1";

        var broken = await _api.InvokeAsync("""{"version":"2.0","rawPath":"/api/logs","requestContext":{}}""");
        var next = await _api.InvokeJsonAsync(ApiEvents.V2("GET", "/api/metadata/cloud/"), traceId: trace);
        var unknownRoute = await _api.InvokeJsonAsync(ApiEvents.V2("GET", "/api/nowhere"));
        var (batch, _) = QueueEvents.Sqs("portable-error-logs", Log("traced-device", 1, 1));
        var stored = await _queue.InvokeJsonAsync(batch, traceId: trace);

        Assert.Multiple(() =>
        {
            Assert.That(broken.Succeeded, Is.False);
            Assert.That(broken.ErrorType, Is.EqualTo("Function.FormatException"));
            Assert.That(JsonNode.Parse(broken.Body)!["errorType"]!.GetValue<string>(), Is.EqualTo("System.FormatException"));
            Assert.That(Body(next).GetProperty("provider").GetString(), Is.EqualTo("aws"));
            Assert.That(Status(unknownRoute), Is.EqualTo(404));
            Assert.That(Failures(stored), Is.Empty);
            Assert.That(_queue.Process.Output.Split('\n').Where(line => line.Contains("Stored 1 error logs", StringComparison.Ordinal)),
                Has.Some.Contains($"\"TraceId\":\"{trace}\""), "the invocation's log lines carry its trace header");
            Assert.That(_api.Process.HasExited, Is.False);
        });
    }

    [Test]
    public async Task An_api_request_past_its_deadline_is_answered_503()
    {
        var late = await _api.InvokeJsonAsync(ApiEvents.V2("GET", "/api/logs", Key(ReadKey)), timeout: TimeSpan.FromMilliseconds(200));

        Assert.That(Status(late), Is.EqualTo(503));
    }

    [Test]
    public async Task An_unknown_handler_is_an_init_error_and_the_process_exits()
    {
        await using var function = LambdaFunction.Start("nope", _settings);

        var error = await function.Emulator.InitError.WaitAsync(TimeSpan.FromSeconds(30));
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(error.ErrorType, Is.EqualTo("Runtime.NoSuchHandler"));
        Assert.That(exitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task When_the_runtime_api_goes_away_the_bootstrap_exits_for_a_fresh_start()
    {
        await using var function = LambdaFunction.Start(HandlerNames.Api, _settings);
        await function.InvokeJsonAsync(ApiEvents.V2("GET", "/api/metadata/cloud/provider"));

        await function.Emulator.DisposeAsync();
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(function.Process.Output, Does.Contain("The Runtime API failed"));
    }
}
