using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.ContinueAsNew;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class ContinueAsNewTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Eternal_counter_continues_as_new_with_new_input_and_a_fresh_history(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<int, int>("Counter", async (context, value) =>
            {
                var next = await context.CallActivityAsync<int>("Increment", value);
                if (next < 5)
                {
                    context.ContinueAsNew(next);
                }

                return next;
            })
            .AddActivity<int, int>("Increment", (_, value, _) => Task.FromResult(value + 1)));

        var result = await host.RunAsync("Counter", 0, cancellationToken);
        var history = (await host.Client.GetInstanceAsync(result.InstanceId, false, true, cancellationToken))!.History!;

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<int>(result.SerializedOutput), Is.EqualTo(5));
            Assert.That(host.Read<int>(result.SerializedInput), Is.EqualTo(4), "the last execution's input");
            Assert.That(history.Count(e => e.EventType == "ExecutionStarted"), Is.EqualTo(1), "history holds only the last execution");
            Assert.That(history.Count(e => e.EventType == "TaskScheduled"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Continue_as_new_carries_unprocessed_events_into_the_new_execution(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<int, string>("Collector", async (context, generation) =>
            {
                if (generation == 0)
                {
                    await context.WaitForExternalEvent<string>("ready");
                    context.ContinueAsNew(1, preserveUnprocessedEvents: true);
                    return "restarting";
                }

                var first = await context.WaitForExternalEvent<string>("item");
                var second = await context.WaitForExternalEvent<string>("item");
                return $"{first}+{second}";
            }));

        var id = await host.Client.ScheduleNewAsync("Collector", 0, cancellationToken: cancellationToken);
        await host.Client.RaiseEventAsync(id, "item", "a", cancellationToken);
        await host.Client.RaiseEventAsync(id, "item", "b", cancellationToken);
        await host.Client.RaiseEventAsync(id, "ready", "go", cancellationToken);
        var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("a+b"));
    }
}
