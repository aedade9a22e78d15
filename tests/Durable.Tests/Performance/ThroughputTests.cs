using System.Diagnostics;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Performance;

/// <summary>A rough throughput probe; run on demand (it measures, it does not judge).</summary>
[Explicit("Measurement, not a check; run with --filter Name~HelloSequence5")]
[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class ThroughputTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(120_000)]
    public async Task HelloSequence5_throughput_on_sqlite(CancellationToken cancellationToken)
    {
        const int Count = 300;
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("HelloSequence5", async (context, _) =>
            {
                var result = string.Empty;
                foreach (var city in new[] { "Tokyo", "Seattle", "London", "Paris", "Oslo" })
                {
                    result += await context.CallActivityAsync<string>("SayHello", city);
                }

                return result;
            })
            .AddActivity<string, string>("SayHello", (_, city, _) => Task.FromResult($"Hello {city}!")));

        var stopwatch = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            ids.Add(await host.Client.ScheduleNewAsync("HelloSequence5", cancellationToken: cancellationToken));
        }

        foreach (var id in ids)
        {
            var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
        }

        stopwatch.Stop();
        await TestContext.Out.WriteLineAsync(
            $"{Count} HelloSequence5 in {stopwatch.Elapsed.TotalSeconds:F2} s = {Count / stopwatch.Elapsed.TotalSeconds:F0} orchestrations/s");
    }
}
