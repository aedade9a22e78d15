using System.Text.Json;
using Portable.Operator.Cli;
using Portable.Tests.Support;
using static Portable.EndToEnd.Tests.HttpTestExtensions;

namespace Portable.EndToEnd.Tests.Operator;

/// <summary>
/// Every verb of the operator CLI against the embedded host over HTTP: what it shows as a table and as JSON, what it
/// changes, and the exit code of each kind of failure. Orders stay in transit for ten minutes here, so an order's
/// workflow is a running instance to act on; an order above the payment limit is an ended one.
/// </summary>
[NonParallelizable]
public sealed class OperatorCliTests
{
    private const string Instances = "runtime/webhooks/durabletask/instances";
    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
    {
        ["Orders__DeliveryDelay"] = "00:10:00",
        ["Orders__DispatchInterval"] = "00:00:02",
        ["Orders__Payment__Limit"] = "1000",
    });

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private Task<OperatorRun> Cli(params string[] args) => OperatorRun.RunAsync(_host, args);

    private async Task<string> Place(int amount)
    {
        var (status, body, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/order", $$"""{"Item":"cli","Amount":{{amount}}}""", Bearer(LocalHostProcess.AliceToken));
        Assert.That(status, Is.EqualTo(202), body.ToString());
        return body.GetProperty("orderId").GetString()!;
    }

    private Task<JsonElement> Instance(string id, Func<JsonElement, bool> done, string what) =>
        Eventually.Get(async () => (await _host.Client.SendJsonAsync(HttpMethod.Get, $"{Instances}/{id}")).Body, done, TimeSpan.FromSeconds(120), what);

    /// <summary>An order in transit: its workflow runs, waiting for its delivery or a cancel.</summary>
    private async Task<string> Running()
    {
        var id = await Place(10);
        await Instance(id, i => i.GetProperty("customStatus").GetString() == "IN_TRANSIT", $"{id} in transit");
        return id;
    }

    /// <summary>An order its payment refused: its workflow has completed.</summary>
    private async Task<string> Ended()
    {
        var id = await Place(5000);
        await Instance(id, i => i.GetProperty("runtimeStatus").GetString() == "Completed", $"{id} completed");
        return id;
    }

    /// <summary>When the host created the instance: the start of a window that holds it and what came after, not what came before.</summary>
    private async Task<string> CreatedTime(string id) =>
        (await _host.Client.SendJsonAsync(HttpMethod.Get, $"{Instances}/{id}")).Body.GetProperty("createdTime").GetString()!;

    private static List<string> Ids(JsonElement instances) =>
        [.. instances.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)];

    private static JsonElement Json(OperatorRun run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    [Test]
    public async Task Get_instances_filters_by_status_prefix_name_and_creation_time_as_a_table_and_as_json()
    {
        var running = await Running();
        var ended = await Ended();

        var table = await Cli("get-instances", "--runtime-status", "running", "--prefix", "ORD");
        var runningJson = Json(await Cli("get-instances", "--runtime-status", "Running", "--output", "json"));
        var completedJson = Json(await Cli("get-instances", "--runtime-status", "Completed", "--name", "OrderLifecycle", "--output", "json"));
        var otherName = Json(await Cli("get-instances", "--name", "NoSuchWorkflow", "--output", "json"));
        var future = Json(await Cli("get-instances", "--created-after", DateTimeOffset.UtcNow.AddDays(1).ToString("O"), "--output", "json"));

        Assert.That(table.ExitCode, Is.Zero, table.ToString());
        Assert.That(table.Out, Does.StartWith("INSTANCE").And.Contain(running).And.Not.Contain(ended));
        Assert.That(table.Out.Split('\n').Single(line => line.StartsWith(running, StringComparison.Ordinal)), Does.Contain("OrderLifecycle").And.Contain("Running").And.Contain("IN_TRANSIT"));
        Assert.That(Ids(runningJson.GetProperty("instances")), Does.Contain(running).And.Not.Contain(ended));
        Assert.That(Ids(completedJson.GetProperty("instances")), Does.Contain(ended).And.Not.Contain(running));
        Assert.That(otherName.GetProperty("instances").GetArrayLength(), Is.Zero);
        Assert.That(future.GetProperty("instances").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Get_instances_pages_with_the_continuation_token_and_reads_every_page_with_all()
    {
        await Ended();
        await Ended();

        var first = Json(await Cli("get-instances", "--top", "1", "--output", "json"));
        var token = first.GetProperty("continuationToken").GetString();
        var second = Json(await Cli("get-instances", "--top", "1", "--continuation-token", token!, "--output", "json"));
        var all = Json(await Cli("get-instances", "--top", "1", "--all", "--output", "json"));
        var oneCall = Json(await Cli("get-instances", "--top", "1000", "--output", "json"));
        var tablePage = await Cli("get-instances", "--top", "1");

        Assert.That(token, Is.Not.Null.And.Not.Empty);
        Assert.That(Ids(second.GetProperty("instances")), Has.Count.EqualTo(1).And.Not.EqualTo(Ids(first.GetProperty("instances"))));
        Assert.That(Ids(all.GetProperty("instances")), Is.EqualTo(Ids(oneCall.GetProperty("instances"))));
        Assert.That(all.GetProperty("continuationToken").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(tablePage.Out, Does.Contain("More: add --continuation-token "));
    }

    [Test]
    public async Task Get_runtime_status_shows_status_custom_status_input_and_output()
    {
        var id = await Ended();

        var table = await Cli("get-runtime-status", id);
        var json = Json(await Cli("get-runtime-status", id, "--output", "json"));

        Assert.That(table.ExitCode, Is.Zero, table.ToString());
        Assert.That(table.Out, Does.Contain($"Instance:      {id}").And.Contain("Status:        Completed").And.Contain("Custom status: FAILED").And.Contain("above the payment limit"));
        Assert.That(json.GetProperty("instanceId").GetString(), Is.EqualTo(id));
        Assert.That(json.GetProperty("runtimeStatus").GetString(), Is.EqualTo("Completed"));
    }

    [Test]
    public async Task Get_history_names_every_activity_with_its_duration_and_result()
    {
        var id = await Ended();

        var table = await Cli("get-history", id);
        var json = Json(await Cli("get-history", id, "--output", "json"));

        Assert.That(table.ExitCode, Is.Zero, table.ToString());
        var recorded = table.Out.Split('\n').Single(line => line.Contains("TaskCompleted", StringComparison.Ordinal) && line.Contains("RecordOrder", StringComparison.Ordinal));
        Assert.That(recorded, Does.Match(@"RecordOrder\s+\d+(\.\d)? (ms|s)\s+result: "), "a completion carries the name and duration of what it completed");
        Assert.That(table.Out, Does.Contain("ChargePayment").And.Contain("ExecutionCompleted").And.Contain("instance Completed"));
        Assert.That(json.EnumerateArray().Select(e => e.GetProperty("EventType").GetString()), Does.Contain("ExecutionStarted").And.Contain("TaskCompleted"));
    }

    [Test]
    public async Task Suspend_resume_raise_event_and_terminate_act_on_a_running_instance_and_an_ended_one_is_refused()
    {
        var id = await Running();

        var suspended = await Cli("suspend", id, "--reason", "looking");
        await Instance(id, i => i.GetProperty("runtimeStatus").GetString() == "Suspended", $"{id} suspended");
        var resumed = await Cli("resume", id, "--reason", "done looking");
        await Instance(id, i => i.GetProperty("runtimeStatus").GetString() == "Running", $"{id} running again");
        var raised = await Cli("raise-event", id, "--event-name", "OperatorProbe", "--event-data", """{"probe":1}""", "--output", "json");
        var terminated = await Cli("terminate", id, "--reason", "cli test");
        var status = await Instance(id, i => i.GetProperty("runtimeStatus").GetString() == "Terminated", $"{id} terminated");
        var again = await Cli("terminate", id);

        Assert.That((suspended.ExitCode, resumed.ExitCode, raised.ExitCode, terminated.ExitCode), Is.EqualTo((0, 0, 0, 0)), $"{suspended}\n{resumed}\n{raised}\n{terminated}");
        Assert.That(suspended.Out, Does.Contain($"Asked {id} to suspend; accepted."));
        Assert.That(JsonDocument.Parse(raised.Out).RootElement.GetProperty("accepted").GetBoolean(), Is.True);
        Assert.That(status.GetProperty("output").ToString(), Does.Contain("cli test"));
        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.Failed), again.ToString());
        Assert.That(again.Error, Does.StartWith("error: Cannot terminate").And.Contain("410"));
    }

    [Test]
    public async Task Raise_event_delivers_its_payload_to_the_workflow_waiting_for_it()
    {
        var id = await Running();

        var raised = await Cli("raise-event", id, "--event-name", "Cancel", "--event-data", "{}");
        var history = await Eventually.Get(
            async () => Json(await Cli("get-history", id, "--output", "json")),
            events => events.EnumerateArray().Any(e => e.GetProperty("EventType").GetString() == "EventRaised" && e.TryGetProperty("Name", out var name) && name.GetString() == "Cancel"),
            TimeSpan.FromSeconds(120),
            $"the Cancel event in {id}'s history");

        Assert.That(raised.ExitCode, Is.Zero, raised.ToString());
        Assert.That(history.GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Purge_history_by_status_and_creation_time_shows_progress_and_deletes_only_what_matched()
    {
        var ended = new[] { await Ended(), await Ended(), await Ended() };
        var running = await Running();
        var from = await CreatedTime(ended[0]);

        var window = await Cli("get-instances", "--created-after", from);
        var dryRun = await Cli("purge-history", "--created-after", from, "--dry-run");
        var purged = await Cli("purge-history", "--created-after", from, "--runtime-status", "Completed");
        var afterwards = Json(await Cli("get-instances", "--created-after", from, "--output", "json"));
        var runningPurge = await Cli("purge-history", running);

        Assert.That(dryRun.Out, Does.Contain("Would purge 3 instance(s)."), window.ToString());
        Assert.That(purged.ExitCode, Is.Zero, purged.ToString());
        Assert.That(purged.Out, Does.Contain("Purged 3 instance(s)."));
        Assert.That(purged.Error, Does.Contain("purged 3/3").And.Not.Contain("\r"), "plain lines when not on a terminal");
        Assert.That(Ids(afterwards.GetProperty("instances")), Is.EqualTo(new[] { running }));
        Assert.That(runningPurge.ExitCode, Is.EqualTo(ExitCodes.Failed), runningPurge.ToString());
        Assert.That(runningPurge.Error, Does.Contain("409").And.Contain("Terminate it first"));
        foreach (var id in ended)
        {
            Assert.That((await Cli("get-runtime-status", id)).ExitCode, Is.EqualTo(ExitCodes.NotFound));
        }
    }

    [Test]
    public async Task Purge_history_on_a_terminal_redraws_one_progress_line_and_purges_one_instance_by_id()
    {
        var from = await CreatedTime(await Ended());
        await Ended();
        var single = await Ended();

        var one = await OperatorRun.RunAsync(_host, null, false, "purge-history", single, "--output", "json");
        var terminal = await OperatorRun.RunAsync(_host, null, true, "purge-history", "--created-after", from);

        Assert.That(JsonDocument.Parse(one.Out).RootElement.GetProperty("instancesDeleted").GetInt32(), Is.EqualTo(1), one.ToString());
        Assert.That(terminal.ExitCode, Is.Zero, terminal.ToString());
        Assert.That(terminal.Error, Does.Contain("\r[###############...............] 1/2 purged").And.Contain("\r[##############################] 2/2 purged"));
    }

    [Test]
    public async Task Start_runs_a_workflow_by_name_and_restart_runs_an_instance_again_with_its_input()
    {
        var (_, accepted, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Clean("S-cli"));
        var original = accepted.GetProperty("instanceId").GetString()!;
        var checkedOnce = await Instance(original, i => i.GetProperty("runtimeStatus").GetString() == "Completed", "the sample's check");
        var name = checkedOnce.GetProperty("name").GetString()!;

        var restarted = await Cli("restart", original, "--new-id", "--output", "json");
        var restartId = Json(restarted).GetProperty("id").GetString()!;
        var again = await Instance(restartId, i => i.GetProperty("runtimeStatus").GetString() == "Completed", "the restarted check");
        var sameId = await Cli("restart", original);
        var rerun = await Instance(
            original,
            i => i.GetProperty("runtimeStatus").GetString() == "Completed" && i.GetProperty("createdTime").GetDateTimeOffset() > checkedOnce.GetProperty("createdTime").GetDateTimeOffset(),
            "the check run again under its own id");
        var started = await Cli("start", name, "--id", "cli-started", "--input", checkedOnce.GetProperty("input").GetRawText());
        await Instance("cli-started", i => i.GetProperty("runtimeStatus").GetString() == "Completed", "the started check");
        var order = await Ended();
        var refused = await Cli("restart", order);

        Assert.That(restartId, Is.Not.EqualTo(original));
        Assert.That(again.GetProperty("input").GetRawText(), Is.EqualTo(checkedOnce.GetProperty("input").GetRawText()));
        Assert.That(sameId.ExitCode, Is.Zero, sameId.ToString());
        Assert.That(sameId.Out, Does.StartWith($"Restarted {original} as {original}."));
        Assert.That(rerun.GetProperty("input").GetRawText(), Is.EqualTo(checkedOnce.GetProperty("input").GetRawText()));
        Assert.That(started.ExitCode, Is.Zero, started.ToString());
        Assert.That(started.Out, Does.StartWith($"Started {name} as cli-started."));
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Failed), "an order's own rules refuse its id twice");
        Assert.That(refused.Error, Does.Contain("order"));
    }

    [Test]
    public async Task Each_kind_of_failure_has_its_exit_code_and_one_error_line()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/").ToString();
        var runs = new Dictionary<string, (OperatorRun Run, int Expected)>
        {
            ["not found"] = (await Cli("get-runtime-status", "no-such-instance"), ExitCodes.NotFound),
            ["wrong key"] = (await Cli("get-instances", "--key", "not-the-operator-key"), ExitCodes.AuthRefused),
            ["a lab key"] = (await Cli("get-history", "x", "--key", LocalHostProcess.LabKey), ExitCodes.AuthRefused),
            ["unreachable"] = (await Cli("get-instances", "--base-url", closed), ExitCodes.Unavailable),
            ["no key"] = (await OperatorRun.RunAsync(_host, new Dictionary<string, string?> { ["PORTABLE_OPERATOR_KEY"] = null }, false, "get-instances"), ExitCodes.Usage),
            ["unknown verb"] = (await Cli("get-everything"), ExitCodes.Usage),
            ["unknown option"] = (await Cli("get-instances", "--colour"), ExitCodes.Usage),
            ["missing id"] = (await Cli("terminate"), ExitCodes.Usage),
            ["bad status"] = (await Cli("get-instances", "--runtime-status", "Sleeping"), ExitCodes.Usage),
            ["bad top"] = (await Cli("get-instances", "--top", "0"), ExitCodes.Usage),
            ["bad time"] = (await Cli("purge-history", "--created-before", "yesterday"), ExitCodes.Usage),
            ["bad event data"] = (await Cli("raise-event", "x", "--event-name", "E", "--event-data", "{not json"), ExitCodes.Usage),
            ["bad output"] = (await Cli("get-instances", "--output", "xml"), ExitCodes.Usage),
            ["smoke without keys"] = (await Cli("smoke"), ExitCodes.Usage),
        };

        Assert.Multiple(() =>
        {
            foreach (var (what, (run, expected)) in runs)
            {
                Assert.That(run.ExitCode, Is.EqualTo(expected), $"{what}: {run}");
                Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.StartsWith("error: "), $"{what}: {run}");
                Assert.That(run.Error, Does.Not.Contain(" at "), $"{what}: no stack trace");
            }
        });
    }

    [Test]
    public async Task Help_lists_every_verb_and_each_verb_its_options()
    {
        var overview = await Cli("--help");
        var verb = await Cli("purge-history", "--help");
        var bare = await Cli();

        Assert.That(overview.ExitCode, Is.Zero);
        Assert.That(overview.Out, Does.Contain("get-instances").And.Contain("get-runtime-status").And.Contain("get-history").And.Contain("raise-event")
            .And.Contain("terminate").And.Contain("suspend").And.Contain("resume").And.Contain("purge-history").And.Contain("restart").And.Contain("smoke"));
        Assert.That(verb.Out, Does.Contain("--older-than AGE").And.Contain("--runtime-status LIST").And.Contain("exit codes:"));
        Assert.That(bare.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task The_built_command_runs_as_its_own_process_with_its_exit_codes()
    {
        var dll = Repository.PathOf("tools", "Operator", "bin", Repository.Configuration, Repository.TargetFramework, "Portable.Operator.dll");
        var id = await Ended();

        var found = await Process(dll, "get-runtime-status", id);
        var missing = await Process(dll, "get-runtime-status", "no-such-instance");

        Assert.That(found.ExitCode, Is.Zero, found.ToString());
        Assert.That(found.Out, Does.Contain(id));
        Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.NotFound), missing.ToString());
        Assert.That(missing.Error.Trim(), Does.StartWith("error: Cannot read instance 'no-such-instance'"));
    }

    private async Task<OperatorRun> Process(string dll, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["PORTABLE_BASE_URL"] = _host.BaseAddress.ToString();
        start.Environment["PORTABLE_OPERATOR_KEY"] = LocalHostProcess.OperatorKey;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(bound.Token);
        return new OperatorRun(process.ExitCode, await output, await error);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
