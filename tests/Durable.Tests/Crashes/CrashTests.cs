using Portable.Core.Workflows;
using Portable.Durable.CrashHost;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Crashes;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class CrashTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_killed_worker_process_loses_no_instance_and_repeats_only_activities_that_were_in_flight(
        CancellationToken cancellationToken)
    {
        const int Instances = 10;
        using var database = await NewDatabaseAsync();
        var effects = EffectsFile.NewPath();
        try
        {
            await using var client = await DurableTestHost.StartAsync(
                database, registry => CrashWorkflows.Register(registry, effects), startWorker: false);
            var ids = new List<string>();
            for (var i = 0; i < Instances; i++)
            {
                ids.Add(await client.Client.ScheduleNewAsync(CrashWorkflows.Sequence, i, cancellationToken: cancellationToken));
            }

            using (var doomed = await CrashHostProcess.StartAsync(database, effects, cancellationToken, holdAfterEffects: Instances))
            {
                // Kill it mid-flight: some effects recorded, the next activity waiting, so the work is certainly unfinished.
                await doomed.WaitUntilHeldAsync(cancellationToken);
                doomed.Kill();
            }

            var beforeKill = await EffectsFile.ReadKeysAsync(effects, cancellationToken);
            using var survivor = await CrashHostProcess.StartAsync(database, effects, cancellationToken);
            var results = new List<WorkflowInstance>();
            foreach (var id in ids)
            {
                results.Add(await client.Client.WaitForCompletionAsync(id, cancellationToken));
            }

            // By pattern, not by line: the kill may have torn a line, gluing it to the next one.
            var keys = await EffectsFile.ReadKeysAsync(effects, cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(beforeKill, Has.Count.EqualTo(Instances), "the crash came mid-flight, with the effects recorded before it");
                Assert.That(
                    results.Select(r => client.Read<string>(r.SerializedOutput)),
                    Is.EqualTo(Enumerable.Range(0, Instances).Select(i => string.Join(",", Enumerable.Range(0, 5).Select(s => $"{i}-{s}")))));
                Assert.That(keys.Distinct().Count(), Is.EqualTo(Instances * CrashWorkflows.StepsPerInstance), "every side effect ran");
                // An activity whose effect was recorded but whose result was not yet committed runs again; no other.
                Assert.That(
                    keys.GroupBy(key => key).Where(group => group.Count() > 1).Select(group => (group.Key, Runs: group.Count())),
                    Is.SubsetOf(beforeKill.Select(key => (key, 2))),
                    "only activities in flight at the kill ran twice, and only once more");
            });
        }
        finally
        {
            File.Delete(effects);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_worker_killed_between_running_an_inline_activity_and_committing_its_result_leaves_it_to_another_worker_which_runs_it_again(
        CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var effects = EffectsFile.NewPath();
        try
        {
            await using var client = await DurableTestHost.StartAsync(
                database, registry => CrashWorkflows.Register(registry, effects), startWorker: false);
            var id = await client.Client.ScheduleNewAsync(CrashWorkflows.Sequence, 7, cancellationToken: cancellationToken);

            // Its first step keeps the activity it schedules and runs it at once, where the step ran; the host kills
            // itself the moment the activity's code has returned, before the result is committed with the next step.
            using (var doomed = await CrashHostProcess.StartAsync(database, effects, cancellationToken, crashAfterActivity: "RecordEffect"))
            {
                await doomed.WaitForExitAsync(cancellationToken);
            }

            var beforeRestart = await EffectsFile.ReadKeysAsync(effects, cancellationToken);
            var stranded = await client.Client.GetInstanceAsync(id, cancellationToken: cancellationToken);

            using var survivor = await CrashHostProcess.StartAsync(database, effects, cancellationToken);
            var result = await client.Client.WaitForCompletionAsync(id, cancellationToken);
            var keys = await EffectsFile.ReadKeysAsync(effects, cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(beforeRestart, Has.Count.EqualTo(1), "the first activity's effect happened before the kill, and nothing after it");
                Assert.That(stranded!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Running), "its result was not committed");
                Assert.That(client.Read<string>(result.SerializedOutput), Is.EqualTo("7-0,7-1,7-2,7-3,7-4"));
                Assert.That(keys.Distinct().Count(), Is.EqualTo(CrashWorkflows.StepsPerInstance), "every effect happened");
                Assert.That(keys.Count(key => key == beforeRestart[0]), Is.EqualTo(2), "the activity in flight at the kill ran again, once more (at least once)");
                Assert.That(keys, Has.Count.EqualTo(CrashWorkflows.StepsPerInstance + 1), "no other activity ran twice");
            });
        }
        finally
        {
            File.Delete(effects);
        }
    }
}
