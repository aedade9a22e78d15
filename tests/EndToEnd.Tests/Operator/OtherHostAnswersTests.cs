using Portable.Operator.Cli;

namespace Portable.EndToEnd.Tests.Operator;

/// <summary>
/// The CLI against a stand-in host over HTTP, for answers the embedded host does not give: the Durable Functions API's
/// own history shape (names on completions, <c>ScheduledTime</c>), either casing, fields left out, and a host that
/// fails, throttles or answers with a gateway's HTML page.
/// </summary>
public sealed class OtherHostAnswersTests
{
    private const string InstancePath = "/runtime/webhooks/durabletask/instances/abc";

    private const string DurableFunctionsShape = """
        {"name":"HelloSequence","instanceId":"abc","runtimeStatus":"Completed","createdTime":"2026-01-05T10:00:00Z",
         "lastUpdatedTime":"2026-01-05T10:00:03Z","customStatus":{"step":3},"input":null,"output":["Hello Oslo!"],
         "historyEvents":[
          {"EventType":"ExecutionStarted","FunctionName":"HelloSequence","Timestamp":"2026-01-05T10:00:00.100Z"},
          {"EventType":"TaskCompleted","FunctionName":"SayHello","Result":"Hello Oslo!","ScheduledTime":"2026-01-05T10:00:01.000Z","Timestamp":"2026-01-05T10:00:01.250Z"},
          {"EventType":"ExecutionCompleted","OrchestrationStatus":"Completed","Result":["Hello Oslo!"],"Timestamp":"2026-01-05T10:00:03Z"}]}
        """;

    private const string CamelCaseShape = """
        {"Name":"HelloSequence","InstanceId":"abc","RuntimeStatus":"Completed","CreatedTime":"2026-01-05T10:00:00Z",
         "historyEvents":[
          {"eventType":"TaskScheduled","eventId":0,"name":"SayHello","timestamp":"2026-01-05T10:00:01.000Z","input":"Oslo"},
          {"eventType":"TaskCompleted","eventId":1,"taskScheduledId":0,"timestamp":"2026-01-05T10:00:01.250Z","result":"Hello Oslo!"},
          {"eventType":"TimerCreated","eventId":2,"fireAt":"2026-01-05T10:00:02Z","timestamp":"2026-01-05T10:00:01.300Z"},
          {"eventType":"TimerFired","eventId":3,"timerId":2,"timestamp":"2026-01-05T10:00:02.300Z"},
          {"eventType":"TaskFailed","eventId":4,"taskScheduledId":0,"timestamp":"2026-01-05T10:00:02.400Z",
           "failureDetails":{"errorType":"TimeoutException","errorMessage":"no answer"}},
          {"eventType":"ExecutionCompleted"}]}
        """;

    private static async Task<OperatorRun> Against(FakeUpstream host, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["PORTABLE_BASE_URL"] = host.BaseAddress.ToString(), ["PORTABLE_OPERATOR_KEY"] = "a-key-of-the-host" };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OperatorCli.RunAsync(args, new OperatorConsole(output, error, false, name => environment.GetValueOrDefault(name)));
        return new OperatorRun(code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task The_history_in_the_Durable_Functions_shape_shows_each_activity_with_its_duration()
    {
        await using var host = new FakeUpstream(request => Task.FromResult(
            request.Path == InstancePath ? new FakeUpstream.Response(200, DurableFunctionsShape) : new FakeUpstream.Response(404)));

        var history = await Against(host, "get-history", "abc");
        var status = await Against(host, "get-runtime-status", "abc");

        Assert.That(history.ExitCode, Is.Zero, history.ToString());
        Assert.That(history.Out.Split('\n').Single(line => line.Contains("TaskCompleted", StringComparison.Ordinal)), Does.Match(@"SayHello\s+250 ms\s+result: Hello Oslo!"));
        Assert.That(history.Out, Does.Contain("3 event(s); instance Completed."));
        Assert.That(status.Out, Does.Contain("Custom status: {\"step\":3}").And.Contain("Output:        [\"Hello Oslo!\"]"));
        Assert.That(host.Requests.Select(r => r.Headers["x-functions-key"]).Distinct(), Is.EqualTo(new[] { "a-key-of-the-host" }));
    }

    [Test]
    public async Task A_history_in_camel_case_with_fields_left_out_matches_completions_timers_and_failures_to_what_they_ended()
    {
        await using var host = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(200, CamelCaseShape)));

        var history = await Against(host, "get-history", "abc");
        var lines = history.Out.Split('\n');

        Assert.That(history.ExitCode, Is.Zero, history.ToString());
        Assert.That(lines.Single(l => l.Contains("TaskCompleted", StringComparison.Ordinal)), Does.Match(@"SayHello\s+250 ms\s+result: Hello Oslo!"));
        Assert.That(lines.Single(l => l.Contains("TimerFired", StringComparison.Ordinal)), Does.Match(@"TimerFired\s+1\.0 s"));
        Assert.That(lines.Single(l => l.Contains("TaskFailed", StringComparison.Ordinal)), Does.Contain("SayHello").And.Contain("failed: TimeoutException: no answer"));
        Assert.That(lines.Single(l => l.Contains("ExecutionCompleted", StringComparison.Ordinal)).Trim(), Is.EqualTo("ExecutionCompleted"));
    }

    [TestCase(500, "{\"title\":\"boom\"}", ExitCodes.Unavailable, "500 boom")]
    [TestCase(503, "", ExitCodes.Unavailable, "503")]
    [TestCase(429, "", ExitCodes.Unavailable, "429")]
    [TestCase(401, "", ExitCodes.AuthRefused, "operator key was refused")]
    [TestCase(502, "<html><body>Bad gateway</body></html>", ExitCodes.Unavailable, "not JSON: <html>")]
    [TestCase(400, "{\"title\":\"One or more fields are invalid.\",\"detail\":\"runtimeStatus: 'x' is not one of ...\"}", ExitCodes.Failed, "400 runtimeStatus")]
    public async Task A_host_that_fails_throttles_or_answers_a_page_ends_with_one_line_and_its_exit_code(int status, string body, int expected, string said)
    {
        await using var host = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(status, body, body.StartsWith('<') ? "text/html" : "application/json")));

        var run = await Against(host, "get-instances");

        Assert.That(run.ExitCode, Is.EqualTo(expected), run.ToString());
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("error: ").And.Contain(said));
    }
}
