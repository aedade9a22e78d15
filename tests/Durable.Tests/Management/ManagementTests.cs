using Microsoft.Extensions.Logging;
using Portable.Core.Validation;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Management;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class ManagementTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Terminate_ends_a_running_instance_with_the_reason_as_output(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        var id = await host.Client.ScheduleNewAsync("WaitForever", cancellationToken: cancellationToken);
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == WorkflowRuntimeStatus.Running, cancellationToken);

        await host.Client.TerminateAsync(id, "no longer needed", cancellationToken: cancellationToken);
        var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Terminated));
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("no longer needed"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Recursive_terminate_also_terminates_running_sub_orchestrations(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        var id = await host.Client.ScheduleNewAsync("ParentOfWaiter", cancellationToken: cancellationToken);
        var childId = id + ":child";
        await host.WaitUntilAsync(childId, i => i.RuntimeStatus == WorkflowRuntimeStatus.Running, cancellationToken);

        await host.Client.TerminateAsync(id, "stop all", recursive: true, cancellationToken);
        var parent = await host.Client.WaitForCompletionAsync(id, cancellationToken);
        var child = await host.Client.WaitForCompletionAsync(childId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(parent.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Terminated));
            Assert.That(child.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Terminated));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Suspended_instance_keeps_its_events_until_it_is_resumed(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();

        // No worker: each drain runs all the work that is ready, so "nothing happened" is a fact, not a wait.
        await using var host = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var id = await host.Client.ScheduleNewAsync("WaitForever", cancellationToken: cancellationToken);
        await host.Drain.DrainAsync(cancellationToken);

        await host.Client.SuspendAsync(id, "maintenance", cancellationToken);
        await host.Drain.DrainAsync(cancellationToken);
        await host.Client.RaiseEventAsync(id, "done", "payload", cancellationToken);
        await host.Drain.DrainAsync(cancellationToken);
        var whileSuspended = await host.Client.GetInstanceAsync(id, cancellationToken: cancellationToken);

        await host.Client.ResumeAsync(id, "back", cancellationToken);
        await host.Drain.DrainAsync(cancellationToken);
        var result = await host.Client.GetInstanceAsync(id, true, true, cancellationToken);
        var history = result!.History!.Select(e => e.EventType).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(whileSuspended!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Suspended));
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("payload"));
            Assert.That(history.IndexOf("ExecutionResumed"), Is.LessThan(history.IndexOf("EventRaised")));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Purge_deletes_an_ended_instance_and_refuses_a_running_one(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        var done = await host.RunAsync("Echo", "x", cancellationToken);
        var running = await host.Client.ScheduleNewAsync("WaitForever", cancellationToken: cancellationToken);

        var purged = await host.Client.PurgeAsync(done.InstanceId, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(purged, Is.EqualTo(1));
            Assert.That(await host.Client.GetInstanceAsync(done.InstanceId, cancellationToken: cancellationToken), Is.Null);
            Assert.That(await host.Client.PurgeAsync("no-such-instance", cancellationToken), Is.Zero);
            Assert.ThrowsAsync<ConflictException>(() => host.Client.PurgeAsync(running, cancellationToken));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Purge_by_filter_deletes_only_instances_that_ended_before_the_cutoff(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        var old1 = await host.RunAsync("Echo", "1", cancellationToken);
        var old2 = await host.RunAsync("Echo", "2", cancellationToken);
        var cutoff = DateTimeOffset.UtcNow;
        await Task.Delay(5, cancellationToken);
        var recent = await host.RunAsync("Echo", "3", cancellationToken);

        var purged = await host.Client.PurgeAsync(new WorkflowPurgeFilter(cutoff), cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(purged, Is.EqualTo(2));
            Assert.That(await host.Client.GetInstanceAsync(old1.InstanceId, cancellationToken: cancellationToken), Is.Null);
            Assert.That(await host.Client.GetInstanceAsync(old2.InstanceId, cancellationToken: cancellationToken), Is.Null);
            Assert.That(await host.Client.GetInstanceAsync(recent.InstanceId, cancellationToken: cancellationToken), Is.Not.Null);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Query_pages_through_instances_by_status_and_name_prefix(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("Echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        await host.Client.ScheduleNewAsync("WaitForever", cancellationToken: cancellationToken);
        var query = new WorkflowQuery
        {
            Statuses = [WorkflowRuntimeStatus.Completed],
            NamePrefix = "ech",
            PageSize = 2,
            FetchInputsAndOutputs = true,
        };

        var seen = new List<WorkflowInstance>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await host.Client.QueryAsync(query with { ContinuationToken = token }, cancellationToken);
            seen.AddRange(page.Instances);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Has.Count.EqualTo(5));
            Assert.That(seen.Select(i => i.InstanceId).Distinct().Count(), Is.EqualTo(5));
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen.Select(i => host.Read<string>(i.SerializedInput)), Is.EquivalentTo(new[] { "0", "1", "2", "3", "4" }));
            Assert.That(seen.Select(i => i.CreatedAt), Is.Ordered);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Starting_a_running_instance_id_again_is_a_conflict_and_an_ended_one_restarts(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        await host.Client.ScheduleNewAsync("WaitForever", options: new StartWorkflowOptions("fixed-id"), cancellationToken: cancellationToken);
        await host.Client.ScheduleNewAsync("Echo", "first", new StartWorkflowOptions("echo-id"), cancellationToken);
        await host.Client.WaitForCompletionAsync("echo-id", cancellationToken);

        await host.Client.ScheduleNewAsync("Echo", "second", new StartWorkflowOptions("echo-id"), cancellationToken);
        var restarted = await host.Client.WaitForCompletionAsync("echo-id", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ConflictException>(() =>
                host.Client.ScheduleNewAsync("WaitForever", options: new StartWorkflowOptions("fixed-id"), cancellationToken: cancellationToken));
            Assert.That(host.Read<string>(restarted.SerializedOutput), Is.EqualTo("second"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Unknown_instances_and_workflow_names_are_reported_clearly(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);

        Assert.Multiple(async () =>
        {
            Assert.ThrowsAsync<NotFoundException>(() => host.Client.RaiseEventAsync("missing", "e", null, cancellationToken));
            Assert.ThrowsAsync<NotFoundException>(() => host.Client.TerminateAsync("missing", cancellationToken: cancellationToken));
            var unknown = Assert.ThrowsAsync<ValidationException>(() => host.Client.ScheduleNewAsync("Nope", cancellationToken: cancellationToken));
            Assert.That(unknown!.Errors.Keys, Is.EquivalentTo(new[] { "name" }));
            Assert.That(await host.Client.GetInstanceAsync("missing", cancellationToken: cancellationToken), Is.Null);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Custom_status_set_by_the_orchestrator_is_visible_through_the_client(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("Progress", async (context, _) =>
            {
                context.SetCustomStatus(new Greeting("halfway", 1));
                return await context.WaitForExternalEvent<string>("finish");
            }));
        var id = await host.Client.ScheduleNewAsync("Progress", cancellationToken: cancellationToken);

        var running = await host.WaitUntilAsync(id, i => i.SerializedCustomStatus is not null, cancellationToken);
        await host.Client.RaiseEventAsync(id, "finish", "done", cancellationToken);
        var completed = await host.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(running.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Running));
            Assert.That(running.ReadCustomStatusAs<Greeting>(host.Converter), Is.EqualTo(new Greeting("halfway", 1)));
            Assert.That(completed.ReadCustomStatusAs<Greeting>(host.Converter), Is.EqualTo(new Greeting("halfway", 1)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Failure_details_reach_the_instance_status_and_the_logs_with_the_instance_id(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("Explodes", (_, _) => throw new InvalidOperationException("boom")));

        var result = await host.RunAsync("Explodes", null, cancellationToken);
        var logged = await host.Logs.WaitForAsync(
            l => l.Level == LogLevel.Warning && Equals(l.Values.GetValueOrDefault("InstanceId"), result.InstanceId), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(result.FailureDetails!.ErrorType, Is.EqualTo(typeof(InvalidOperationException).FullName));
            Assert.That(result.FailureDetails.ErrorMessage, Is.EqualTo("boom"));
            Assert.That(result.FailureDetails.StackTrace, Is.Not.Null);
            Assert.That(logged.Message, Does.Contain("boom").And.Contain(typeof(InvalidOperationException).FullName!));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_instance_read_with_its_history_pairs_its_status_with_the_history_of_the_same_moment(
        CancellationToken cancellationToken)
    {
        const int Steps = 20;
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        var id = await host.Client.ScheduleNewAsync("Count", Steps, cancellationToken: cancellationToken);

        // Read while it runs: each answer's status must match its history (ended in both, or in neither).
        var mismatches = new List<string>();
        var reads = 0;
        WorkflowInstance? instance;
        do
        {
            instance = await host.Client.GetInstanceAsync(id, getHistory: true, cancellationToken: cancellationToken);
            reads++;
            var ended = instance!.History!.Any(e => e.EventType == "ExecutionCompleted");
            if (ended != (instance.RuntimeStatus == WorkflowRuntimeStatus.Completed))
            {
                mismatches.Add($"{instance.RuntimeStatus} with {instance.History!.Count} events");
            }
        }
        while (instance.RuntimeStatus != WorkflowRuntimeStatus.Completed);

        Assert.Multiple(() =>
        {
            Assert.That(mismatches, Is.Empty, $"of {reads} reads");
            Assert.That(instance.History!.Count(e => e.EventType == "TaskCompleted"), Is.EqualTo(Steps));
        });
    }

    private static void Register(WorkflowRegistry registry) => registry
        .AddWorkflow<int, int>("Count", async (context, steps) =>
        {
            var reached = 0;
            for (var step = 0; step < steps; step++)
            {
                reached = await context.CallActivityAsync<int>("Next", reached);
            }

            return reached;
        })
        .AddActivity<int, int>("Next", (_, value, _) => Task.FromResult(value + 1))
        .AddWorkflow<string?, string>("WaitForever", (context, _) => context.WaitForExternalEvent<string>("done"))
        .AddWorkflow<string?, string>("ParentOfWaiter", (context, _) =>
            context.CallSubOrchestratorAsync<string>("WaitForever", null, new SubOrchestrationOptions(context.InstanceId + ":child")))
        .AddWorkflow<string, string>("Echo", (_, input) => Task.FromResult(input));
}
