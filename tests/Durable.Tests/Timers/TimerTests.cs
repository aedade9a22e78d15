using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Timers;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class TimerTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Timer_created_before_a_restart_fires_in_the_next_worker(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        static void Register(WorkflowRegistry registry) => registry
            .AddWorkflow<string?, string>("Sleeper", async (context, _) =>
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(400), CancellationToken.None);
                return "woke up";
            });

        string id;
        await using (var first = await DurableTestHost.StartAsync(database, Register))
        {
            id = await first.Client.ScheduleNewAsync("Sleeper", cancellationToken: cancellationToken);
            await first.WaitUntilAsync(
                id, i => i.History!.Any(e => e.EventType == "TimerCreated"), cancellationToken, getHistory: true);
        }

        await using var second = await DurableTestHost.StartAsync(database, Register);
        await second.Client.WaitForCompletionAsync(id, cancellationToken);
        var result = await second.Client.GetInstanceAsync(id, true, true, cancellationToken);

        var created = result!.History!.Single(e => e.EventType == "TimerCreated");
        var fired = result.History!.Single(e => e.EventType == "TimerFired");
        Assert.Multiple(() =>
        {
            Assert.That(second.Read<string>(result.SerializedOutput), Is.EqualTo("woke up"));
            Assert.That(fired.FireAt, Is.EqualTo(created.FireAt));
            Assert.That(result.LastUpdatedAt, Is.GreaterThanOrEqualTo(created.FireAt!.Value));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Scheduled_start_waits_until_its_start_time(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, DateTime>("Now", (context, _) => Task.FromResult(context.CurrentUtcDateTime)));

        var startAt = DateTimeOffset.UtcNow.AddMilliseconds(300);
        var id = await host.Client.ScheduleNewAsync("Now", options: new StartWorkflowOptions(StartAt: startAt), cancellationToken: cancellationToken);
        var pending = await host.Client.GetInstanceAsync(id, cancellationToken: cancellationToken);
        var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(pending!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Pending));
            Assert.That(host.Read<DateTime>(result.SerializedOutput), Is.GreaterThanOrEqualTo(startAt.UtcDateTime));
        });
    }
}
