using Portable.Core.Workflows;
using Portable.Durable.CrashHost;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Scaling;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class SharedLoadTests(string store) : StoreFixture(store)
{
    // Leases long enough that no worker loses one while it runs: activities run at least once, and only a lapsed lease
    // (a starved process on a busy machine, with the crash tests' 1 s) lets the other worker run one again, which is
    // fail-over, not the sharing this test is about. The cancellation is a guard against a hang, not a time goal.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    [Test]
    [CancelAfter(300_000)]
    public async Task Two_worker_processes_on_one_database_share_the_load_and_run_every_activity_once(CancellationToken cancellationToken)
    {
        // Instances are started in batches until both workers have run some: which worker wins a claim is the scheduler's
        // choice, and on a busy machine one process can take every claim of a small batch.
        const int Batch = 15;
        const int MaxBatches = 20;
        using var database = await NewDatabaseAsync();
        string[] effects = [EffectsFile.NewPath(), EffectsFile.NewPath()];
        try
        {
            await using var client = await DurableTestHost.StartAsync(
                database, registry => CrashWorkflows.Register(registry, effects[0]), startWorker: false);
            using var first = await CrashHostProcess.StartAsync(database, effects[0], cancellationToken, lease: Lease);
            using var second = await CrashHostProcess.StartAsync(database, effects[1], cancellationToken, lease: Lease);
            var results = new List<WorkflowInstance>();
            for (var batch = 0; batch < MaxBatches && !await BothTookAShareAsync(effects, cancellationToken); batch++)
            {
                var ids = new List<string>();
                for (var i = 0; i < Batch; i++)
                {
                    ids.Add(await client.Client.ScheduleNewAsync(CrashWorkflows.Sequence, results.Count + i, cancellationToken: cancellationToken));
                }

                foreach (var id in ids)
                {
                    results.Add(await client.Client.WaitForCompletionAsync(id, cancellationToken));
                }
            }

            var firstKeys = await EffectsFile.ReadKeysAsync(effects[0], cancellationToken);
            var secondKeys = await EffectsFile.ReadKeysAsync(effects[1], cancellationToken);
            var all = firstKeys.Concat(secondKeys).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(results.Select(r => r.RuntimeStatus), Has.All.EqualTo(WorkflowRuntimeStatus.Completed));
                Assert.That(all.Distinct().Count(), Is.EqualTo(results.Count * CrashWorkflows.StepsPerInstance), "every activity ran");
                Assert.That(all, Is.Unique, "no activity ran twice");
                Assert.That(firstKeys, Is.Not.Empty, "the first worker took a share");
                Assert.That(secondKeys, Is.Not.Empty, "the second worker took a share");
            });
            await TestContext.Out.WriteLineAsync($"{Store}: {results.Count} instances; activities run by the workers: {firstKeys.Count} and {secondKeys.Count}");
        }
        finally
        {
            foreach (var path in effects)
            {
                File.Delete(path);
            }
        }
    }

    private static async Task<bool> BothTookAShareAsync(string[] effects, CancellationToken cancellationToken) =>
        (await EffectsFile.ReadKeysAsync(effects[0], cancellationToken)).Count > 0
        && (await EffectsFile.ReadKeysAsync(effects[1], cancellationToken)).Count > 0;
}
