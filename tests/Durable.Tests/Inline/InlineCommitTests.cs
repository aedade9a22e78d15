using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Inline;

/// <summary>
/// The store's side of inline activities: a step's worker keeps the activities it schedules, and their results commit
/// with the next step only while nothing else could have moved the instance; otherwise nothing is written.
/// </summary>
[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class InlineCommitTests(string store) : StoreFixture(store)
{
    private const string Owner = "step-worker";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Test]
    [CancelAfter(20_000)]
    public async Task A_kept_activity_is_leased_to_the_worker_whose_step_scheduled_it_and_no_other_worker_claims_it(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var (_, kept) = await FirstStepAsync(host, cancellationToken);

        var elsewhere = await host.WorkerStore.ClaimActivitiesAsync("other-worker", 10, Lease, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(kept.Select(a => (a.TaskId, a.Name, a.Input)), Is.EqualTo(new[] { (0, "Act", (string?)"\"a\"") }));
            Assert.That(elsewhere, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_result_commits_with_the_next_step_which_keeps_the_activity_that_step_schedules(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var (first, kept) = await FirstStepAsync(host, cancellationToken);

        var next = await host.WorkerStore.CompleteActivitiesWithStepAsync(
            Owner, [Result(kept[0])], first.Count, NextStep(first, kept[0]), Lease, cancellationToken);
        var history = await host.ClientStore.GetHistoryAsync(kept[0].InstanceId, kept[0].ExecutionId, cancellationToken);
        var stale = await host.WorkerStore.CompleteActivitiesWithStepAsync(
            Owner, [Result(kept[0])], first.Count, NextStep(first, kept[0]), Lease, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(next!.Select(a => a.TaskId), Is.EqualTo(new[] { 1 }));
            Assert.That(history.Select(e => e.EventType), Is.EqualTo(first.Select(e => e.EventType).Concat(
                [HistoryEventType.OrchestratorStarted, HistoryEventType.TaskCompleted, HistoryEventType.TaskScheduled])));
            Assert.That(stale, Is.Null, "the same result again: its row is gone and the instance moved on");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_result_is_refused_a_step_and_nothing_is_written_when_a_message_waits_the_history_moved_on_or_the_row_is_not_ours(
        CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register, startWorker: false);
        var (first, kept) = await FirstStepAsync(host, cancellationToken);
        var step = NextStep(first, kept[0]);

        var movedOn = await host.WorkerStore.CompleteActivitiesWithStepAsync(Owner, [Result(kept[0])], first.Count - 1, step, Lease, cancellationToken);
        var notOurs = await host.WorkerStore.CompleteActivitiesWithStepAsync("other-worker", [Result(kept[0])], first.Count, step with { LeaseOwner = "other-worker" }, Lease, cancellationToken);
        await host.ClientStore.EnqueueMessageAsync(kept[0].InstanceId, new EventRaised(DateTime.UtcNow, "Go", null), cancellationToken);
        var messageWaiting = await host.WorkerStore.CompleteActivitiesWithStepAsync(Owner, [Result(kept[0])], first.Count, step, Lease, cancellationToken);
        var history = await host.ClientStore.GetHistoryAsync(kept[0].InstanceId, kept[0].ExecutionId, cancellationToken);
        var stillOurs = await host.WorkerStore.RenewActivityLeasesAsync(Owner, [kept[0].Id], Lease, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(movedOn, Is.Null);
            Assert.That(notOurs, Is.Null);
            Assert.That(messageWaiting, Is.Null);
            Assert.That(history, Has.Count.EqualTo(first.Count), "no step was written");
            Assert.That(stillOurs, Is.EqualTo(1), "the activity row is still there, leased to the worker that ran it");
        });
    }

    private static void Register(WorkflowRegistry registry) =>
        registry.AddWorkflow<string?, string>("Inline", (_, _) => Task.FromResult(string.Empty));

    /// <summary>Starts an instance and commits its first step by hand, keeping the activity it schedules.</summary>
    private static async Task<(IReadOnlyList<HistoryEvent> History, IReadOnlyList<ActivityWorkItem> Kept)> FirstStepAsync(
        DurableTestHost host, CancellationToken cancellationToken)
    {
        await host.Client.ScheduleNewAsync("Inline", cancellationToken: cancellationToken);
        var claimed = await host.WorkerStore.ClaimNextInstanceAsync(Owner, Lease, 100, cancellationToken);
        var now = DateTime.UtcNow;
        HistoryEvent[] history = [claimed!.Messages[0].Event, new OrchestratorStarted(now), new TaskScheduled(now, 0, "Act", null, "\"a\"", 1)];
        var kept = await host.WorkerStore.CommitStepKeepingActivitiesAsync(
            new StepCommit
            {
                InstanceId = claimed.InstanceId,
                ExecutionId = claimed.ExecutionId,
                LeaseOwner = Owner,
                Status = WorkflowRuntimeStatus.Running,
                ConsumedMessageIds = [.. claimed.Messages.Select(m => m.Id)],
                NewHistory = history,
                Activities = [new NewActivityTask(0, "Act", null, "\"a\"", 1)],
            },
            Lease,
            cancellationToken);
        return (history, kept!);
    }

    /// <summary>The step a worker replays from its cached history with the result: it schedules the next activity.</summary>
    private static StepCommit NextStep(IReadOnlyList<HistoryEvent> history, ActivityWorkItem activity)
    {
        var now = DateTime.UtcNow;
        return new StepCommit
        {
            InstanceId = activity.InstanceId,
            ExecutionId = activity.ExecutionId,
            LeaseOwner = Owner,
            Status = WorkflowRuntimeStatus.Running,
            NewHistory = [new OrchestratorStarted(now), new TaskCompleted(now, activity.TaskId, "\"A\""), new TaskScheduled(now, 1, "Act", null, "\"b\"", 1)],
            Activities = [new NewActivityTask(1, "Act", null, "\"b\"", 1)],
        };
    }

    private static ActivityResult Result(ActivityWorkItem activity) =>
        new(activity, new TaskCompleted(DateTime.UtcNow, activity.TaskId, "\"A\""));
}
