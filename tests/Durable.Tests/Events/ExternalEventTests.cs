using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Events;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class ExternalEventTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task An_event_raised_before_a_timer_fires_is_applied_before_the_timer_even_when_both_wait_in_the_inbox(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("Race", async (context, _) =>
            {
                using var stopTimer = new CancellationTokenSource();
                var go = context.WaitForExternalEvent<string>("go");
                var timer = context.CreateTimer(TimeSpan.FromSeconds(2), stopTimer.Token);
                if (await Task.WhenAny(go, timer) == go)
                {
                    stopTimer.Cancel();
                    return "event";
                }

                return "timer";
            }), startWorker: false);

        // The first step inserts the timer's message; the event's message, inserted later, is ready before the timer is due.
        var id = await host.Client.ScheduleNewAsync("Race", cancellationToken: cancellationToken);
        await host.Drain.DrainAsync(cancellationToken);
        await host.Client.RaiseEventAsync(id, "go", "now", cancellationToken);
        var raisedBy = DateTimeOffset.UtcNow;
        var waiting = await host.Client.GetInstanceAsync(id, false, true, cancellationToken);
        var fireAt = waiting!.History!.Single(e => e.EventType == "TimerCreated").FireAt!.Value;
        Assume.That(raisedBy, Is.LessThan(fireAt), "the event was raised before the timer was due");
        while (DateTimeOffset.UtcNow <= fireAt)
        {
            await Task.Delay(20, cancellationToken);
        }

        await host.Drain.DrainAsync(cancellationToken);
        var result = await host.Client.GetInstanceAsync(id, true, true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("event"), "the messages are applied in the order they became ready");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Events_raised_before_the_orchestration_waits_are_buffered_and_delivered_in_order(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("Approvals", async (context, _) =>
            {
                // Busy elsewhere while the events arrive.
                await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                var first = await context.WaitForExternalEvent<string>("approval");
                var second = await context.WaitForExternalEvent<string>("APPROVAL");
                var third = await context.WaitForExternalEvent<string>("approval");
                return string.Join(",", first, second, third);
            }));

        var id = await host.Client.ScheduleNewAsync("Approvals", cancellationToken: cancellationToken);
        foreach (var who in new[] { "alice", "bob", "carol" })
        {
            await host.Client.RaiseEventAsync(id, "approval", who, cancellationToken);
        }

        var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);
        var history = (await host.Client.GetInstanceAsync(id, false, true, cancellationToken))!.History!;

        Assert.Multiple(() =>
        {
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("alice,bob,carol"));
            Assert.That(
                history.Select(e => e.EventType).ToList().IndexOf("EventRaised"),
                Is.LessThan(history.Select(e => e.EventType).ToList().IndexOf("TimerFired")),
                "the events were recorded before the orchestration waited for them");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Wait_with_a_timeout_throws_TimeoutException_when_no_event_arrives(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("Impatient", async (context, _) =>
            {
                try
                {
                    return await context.WaitForExternalEvent<string>("reply", TimeSpan.FromMilliseconds(150));
                }
                catch (TimeoutException)
                {
                    return "timed out";
                }
            }));

        var result = await host.RunAsync("Impatient", null, cancellationToken);

        Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("timed out"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Wait_with_a_timeout_returns_the_event_that_arrives_in_time(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("Patient", (context, _) =>
                context.WaitForExternalEvent<string>("reply", TimeSpan.FromSeconds(30))));

        var id = await host.Client.ScheduleNewAsync("Patient", cancellationToken: cancellationToken);
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == WorkflowRuntimeStatus.Running, cancellationToken);
        await host.Client.RaiseEventAsync(id, "reply", "here", cancellationToken);
        var result = await host.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("here"));
    }
}
