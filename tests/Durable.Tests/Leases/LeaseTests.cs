using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Leases;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class LeaseTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task An_expired_instance_lease_of_a_hung_worker_lets_another_worker_take_over(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var lease = TimeSpan.FromMilliseconds(400);

        // A worker that claims and then neither commits nor gives up: it stays up until the end of the test.
        await using var hung = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var id = await hung.Client.ScheduleNewAsync("Echo", "hi", cancellationToken: cancellationToken);
        var claimedAt = DateTimeOffset.UtcNow;
        var claimed = await hung.WorkerStore.ClaimNextInstanceAsync("hung-worker", lease, 100, cancellationToken);
        Assert.That(claimed!.InstanceId, Is.EqualTo(id));

        await using var survivor = await DurableTestHost.StartAsync(database, Register);
        var result = await survivor.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(survivor.Read<string>(result.SerializedOutput), Is.EqualTo("hi"));
            Assert.That(result.LastUpdatedAt - claimedAt, Is.GreaterThanOrEqualTo(lease), "waited for the lease to expire");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_step_whose_lease_was_taken_over_commits_nothing(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var id = await host.Client.ScheduleNewAsync("Echo", "hi", cancellationToken: cancellationToken);
        var slow = await host.WorkerStore.ClaimNextInstanceAsync("slow-worker", TimeSpan.FromMilliseconds(50), 100, cancellationToken);
        await Task.Delay(100, cancellationToken);
        var fast = await host.WorkerStore.ClaimNextInstanceAsync("fast-worker", TimeSpan.FromMinutes(1), 100, cancellationToken);

        var committed = await host.WorkerStore.CommitStepAsync(
            StepCommits.Completing(slow!, "slow-worker", "\"stale\""),
            cancellationToken);
        var state = await host.ClientStore.GetInstanceAsync(id, true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fast!.InstanceId, Is.EqualTo(id));
            Assert.That(committed, Is.False);
            Assert.That(state!.Status, Is.EqualTo(WorkflowRuntimeStatus.Pending));
            Assert.That(state.Output, Is.Null);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Activity_result_is_dropped_when_its_lease_passed_to_another_worker(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var id = await host.Client.ScheduleNewAsync("CallEcho", "hi", cancellationToken: cancellationToken);
        var step = await host.WorkerStore.ClaimNextInstanceAsync("orchestrator", TimeSpan.FromMinutes(1), 100, cancellationToken);
        await host.WorkerStore.CommitStepAsync(
            new StepCommit
            {
                InstanceId = id,
                ExecutionId = step!.ExecutionId,
                LeaseOwner = "orchestrator",
                Status = WorkflowRuntimeStatus.Running,
                ConsumedMessageIds = [.. step.Messages.Select(m => m.Id)],
                NewHistory = [step.Messages[0].Event, new TaskScheduled(DateTime.UtcNow, 0, "EchoActivity", null, "\"hi\"", 1)],
                Activities = [new NewActivityTask(0, "EchoActivity", null, "\"hi\"", 1)],
            },
            cancellationToken);

        var first = (await host.WorkerStore.ClaimActivitiesAsync("slow", 10, TimeSpan.FromMilliseconds(50), cancellationToken)).Single();
        await Task.Delay(100, cancellationToken);
        var second = (await host.WorkerStore.ClaimActivitiesAsync("fast", 10, TimeSpan.FromMinutes(1), cancellationToken)).Single();
        var completed = new TaskCompleted(DateTime.UtcNow, 0, "\"hi\"");

        var slowStored = await host.WorkerStore.CompleteActivitiesAsync("slow", [new ActivityResult(first, completed)], cancellationToken);
        var fastStored = await host.WorkerStore.CompleteActivitiesAsync("fast", [new ActivityResult(second, completed)], cancellationToken);
        var again = await host.WorkerStore.CompleteActivitiesAsync("fast", [new ActivityResult(second, completed)], cancellationToken);
        var inbox = await host.WorkerStore.ClaimNextInstanceAsync("orchestrator", TimeSpan.FromMinutes(1), 100, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Id, Is.EqualTo(first.Id));
            Assert.That(slowStored, Is.EqualTo(new[] { false }));
            Assert.That(fastStored, Is.EqualTo(new[] { true }));
            Assert.That(again, Is.EqualTo(new[] { false }), "the row is gone after the first completion");
            Assert.That(inbox!.Messages.Select(m => m.Event), Has.Exactly(1).InstanceOf<TaskCompleted>());
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_duplicate_completion_for_an_already_completed_task_is_ignored(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);
        var id = await host.Client.ScheduleNewAsync("CallEchoThenWait", "real", cancellationToken: cancellationToken);
        // Waiting for the event with task 0's result recorded. The status and the history are two reads, so a read
        // can see the history of a later commit than its status: both are waited on, not taken from one read.
        await host.WaitUntilAsync(
            id, i => i.RuntimeStatus == WorkflowRuntimeStatus.Running && i.History!.Any(e => e.EventType == "TaskCompleted"),
            cancellationToken, getHistory: true);

        // A late duplicate of task 0's result, as a redelivered completion would look.
        await host.ClientStore.EnqueueMessageAsync(id, new TaskCompleted(DateTime.UtcNow, 0, "\"duplicate\""), cancellationToken);
        await host.Client.RaiseEventAsync(id, "continue", null, cancellationToken);
        var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);
        var history = (await host.Client.GetInstanceAsync(id, false, true, cancellationToken))!.History!;

        Assert.Multiple(() =>
        {
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("real"));
            Assert.That(history.Count(e => e.EventType == "TaskCompleted"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Two_workers_sharing_one_database_complete_every_instance_with_each_activity_run_once(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var runs = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        void RegisterCounting(WorkflowRegistry registry) => registry
            .AddWorkflow<int, int>("Sequence", async (context, input) =>
            {
                var value = input;
                for (var i = 0; i < 3; i++)
                {
                    value = await context.CallActivityAsync<int>("AddOne", value);
                }

                return value;
            })
            .AddActivity<int, int>("AddOne", (activity, value, _) =>
            {
                runs.AddOrUpdate($"{activity.InstanceId}:{activity.TaskId}", 1, (_, n) => n + 1);
                return Task.FromResult(value + 1);
            });

        await using var first = await DurableTestHost.StartAsync(database, RegisterCounting);
        await using var second = await DurableTestHost.StartAsync(database, RegisterCounting);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await (i % 2 == 0 ? first : second).Client.ScheduleNewAsync("Sequence", i, cancellationToken: cancellationToken));
        }

        var results = new List<WorkflowInstance>();
        foreach (var id in ids)
        {
            results.Add(await first.Client.WaitForCompletionAsync(id, cancellationToken));
        }

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => first.Read<int>(r.SerializedOutput)), Is.EqualTo(Enumerable.Range(3, 20)));
            Assert.That(runs, Has.Count.EqualTo(60));
            Assert.That(runs.Values, Has.All.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_long_activity_keeps_its_lease_renewed_so_a_second_worker_does_not_run_it_again(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var runs = 0;
        void RegisterLong(WorkflowRegistry registry) => registry
            .AddWorkflow<string?, string>("Long", (context, _) => context.CallActivityAsync<string>("TakesAWhile"))
            .AddActivity<string?, string>("TakesAWhile", async (_, _, ct) =>
            {
                Interlocked.Increment(ref runs);
                await Task.Delay(1_000, ct);
                return "done";
            });
        void ShortLeases(Portable.Adapters.Durable.Worker.DurableOptions options) =>
            options.ActivityLeaseDuration = TimeSpan.FromMilliseconds(500);

        await using var first = await DurableTestHost.StartAsync(database, RegisterLong, ShortLeases);
        await using var second = await DurableTestHost.StartAsync(database, RegisterLong, ShortLeases);
        var result = await first.RunAsync("Long", null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Read<string>(result.SerializedOutput), Is.EqualTo("done"));
            Assert.That(runs, Is.EqualTo(1));
        });
    }

    internal static void Register(WorkflowRegistry registry) => registry
        .AddWorkflow<string, string>("Echo", (_, input) => Task.FromResult(input))
        .AddWorkflow<string, string>("CallEcho", (context, input) => context.CallActivityAsync<string>("EchoActivity", input))
        .AddWorkflow<string, string>("CallEchoThenWait", async (context, input) =>
        {
            var echoed = await context.CallActivityAsync<string>("EchoActivity", input);
            await context.WaitForExternalEvent<string?>("continue");
            return echoed;
        })
        .AddActivity<string, string>("EchoActivity", (_, input, _) => Task.FromResult(input));
}
