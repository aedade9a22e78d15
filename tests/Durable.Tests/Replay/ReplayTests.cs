using System.Collections.Concurrent;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Replay;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class ReplayTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Activities_run_once_while_the_orchestrator_replays_after_each_result(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var activityRuns = new ConcurrentDictionary<string, int>();
        var orchestratorRuns = 0;
        var replayingSeen = false;
        var guids = new ConcurrentBag<Guid>();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string, string>("HelloSequence", async (context, input) =>
            {
                Interlocked.Increment(ref orchestratorRuns);
                replayingSeen |= context.IsReplaying;
                guids.Add(context.NewGuid());
                var a = await context.CallActivityAsync<string>("SayHello", "Tokyo");
                var b = await context.CallActivityAsync<string>("SayHello", "Seattle");
                var c = await context.CallActivityAsync<string>("SayHello", input);
                return $"{a} {b} {c}";
            })
            .AddActivity<string, string>("SayHello", (activity, name, _) =>
            {
                activityRuns.AddOrUpdate($"{activity.InstanceId}:{activity.TaskId}", 1, (_, n) => n + 1);
                return Task.FromResult($"Hello {name}!");
            }));

        var result = await host.RunAsync("HelloSequence", "London", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("Hello Tokyo! Hello Seattle! Hello London!"));
            Assert.That(activityRuns.Values, Has.Count.EqualTo(3).And.All.EqualTo(1), "each activity ran exactly once");
            Assert.That(orchestratorRuns, Is.EqualTo(4), "the orchestrator replayed once per result");
            Assert.That(replayingSeen, Is.True);
            Assert.That(guids.Distinct().Count(), Is.EqualTo(1), "NewGuid is the same on every replay");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_new_worker_replays_recorded_history_without_rerunning_completed_activities(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var runs = new ConcurrentDictionary<string, int>();
        void Register(WorkflowRegistry registry) => registry
            .AddWorkflow<int, int>("TwoPhase", async (context, input) =>
            {
                var first = await context.CallActivityAsync<int>("Double", input);
                var extra = await context.WaitForExternalEvent<int>("go");
                return await context.CallActivityAsync<int>("Double", first + extra);
            })
            .AddActivity<int, int>("Double", (_, value, _) =>
            {
                runs.AddOrUpdate(value.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                return Task.FromResult(value * 2);
            });

        string id;
        await using (var first = await DurableTestHost.StartAsync(database, Register))
        {
            id = await first.Client.ScheduleNewAsync("TwoPhase", 5, cancellationToken: cancellationToken);
            await first.WaitUntilAsync(
                id, i => i.History!.Any(e => e.EventType == "TaskCompleted"), cancellationToken, getHistory: true);
        }

        await using var second = await DurableTestHost.StartAsync(database, Register);
        await second.Client.RaiseEventAsync(id, "go", 1, cancellationToken);
        var result = await second.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Read<int>(result.SerializedOutput), Is.EqualTo(22));
            Assert.That(runs, Is.EquivalentTo(new Dictionary<string, int> { ["5"] = 1, ["11"] = 1 }));
        });
    }
}
