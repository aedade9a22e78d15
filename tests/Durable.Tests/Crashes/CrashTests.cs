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

            using (var doomed = await CrashHostProcess.StartAsync(database, effects, cancellationToken))
            {
                // Kill it mid-flight: some effects recorded, the work far from done.
                while (!File.Exists(effects) || File.ReadAllLines(effects).Length < Instances)
                {
                    await Task.Delay(5, cancellationToken);
                }

                doomed.Kill();
            }

            var afterCrash = File.ReadAllLines(effects).Length;
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
                Assert.That(afterCrash, Is.LessThan(Instances * CrashWorkflows.StepsPerInstance), "the crash came mid-flight");
                Assert.That(
                    results.Select(r => client.Read<string>(r.SerializedOutput)),
                    Is.EqualTo(Enumerable.Range(0, Instances).Select(i => string.Join(",", Enumerable.Range(0, 5).Select(s => $"{i}-{s}")))));
                Assert.That(keys.Distinct().Count(), Is.EqualTo(Instances * CrashWorkflows.StepsPerInstance), "every side effect ran");
                Assert.That(keys.Count - keys.Distinct().Count(), Is.LessThanOrEqualTo(8), "only activities in flight at the kill ran twice");
            });
        }
        finally
        {
            File.Delete(effects);
        }
    }
}
