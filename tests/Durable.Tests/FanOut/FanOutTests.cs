using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.FanOut;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class FanOutTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(30_000)]
    public async Task WhenAll_fans_out_fifty_activities_and_fans_in_their_results(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<int, long>("SumOfSquares", async (context, count) =>
            {
                var squares = Enumerable.Range(1, count).Select(n => context.CallActivityAsync<long>("Square", n));
                return (await Task.WhenAll(squares)).Sum();
            })
            .AddActivity<int, long>("Square", async (_, n, ct) =>
            {
                // Finish in a scrambled order.
                await Task.Delay(n % 7, ct);
                return (long)n * n;
            }));

        var result = await host.RunAsync("SumOfSquares", 50, cancellationToken);
        var history = (await host.Client.GetInstanceAsync(result.InstanceId, false, true, cancellationToken))!.History!;

        Assert.Multiple(() =>
        {
            Assert.That(host.Read<long>(result.SerializedOutput), Is.EqualTo(Enumerable.Range(1, 50).Sum(n => (long)n * n)));
            Assert.That(history.Count(e => e.EventType == "TaskScheduled"), Is.EqualTo(50));
            Assert.That(history.Count(e => e.EventType == "TaskCompleted"), Is.EqualTo(50));
            // How many results share a step depends on timing (the benchmark counts it); a step without a new result never happens.
            Assert.That(history.Count(e => e.EventType == "OrchestratorStarted"), Is.LessThanOrEqualTo(51), "a step for the start and at most one per result");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task WhenAny_returns_the_timer_when_the_activity_is_slower(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);

        var result = await host.RunAsync("Race", 5_000, cancellationToken);

        Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("timer"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task WhenAny_returns_the_activity_when_it_beats_the_timer_and_cancels_the_timer(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);

        // The timer is far beyond the test's limit: the run can only end in time by not waiting for it.
        var result = await host.RunAsync("RaceAnHourlongTimer", 0, cancellationToken);
        var history = (await host.Client.GetInstanceAsync(result.InstanceId, false, true, cancellationToken))!.History!.Select(e => e.EventType);

        Assert.Multiple(() =>
        {
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("activity"));
            Assert.That(history, Does.Contain("TimerCreated").And.No.Contain("TimerFired"));
        });
    }

    private static void Register(WorkflowRegistry registry) => registry
        .AddWorkflow<int, string>("Race", Race(TimeSpan.FromMilliseconds(300)))
        .AddWorkflow<int, string>("RaceAnHourlongTimer", Race(TimeSpan.FromHours(1)))
        .AddActivity<int, string>("Slow", async (_, delayMs, ct) =>
        {
            await Task.Delay(delayMs, ct);
            return "activity";
        });

    /// <summary>An activity of the input's length against a timer: whichever ends first names the winner.</summary>
    private static Func<WorkflowContext, int, Task<string>> Race(TimeSpan timerDelay) => async (context, activityDelayMs) =>
    {
        using var timerCancellation = new CancellationTokenSource();
        var activity = context.CallActivityAsync<string>("Slow", activityDelayMs);
        var timer = context.CreateTimer(timerDelay, timerCancellation.Token);
        var winner = await Task.WhenAny(activity, timer);
        if (winner == activity)
        {
            timerCancellation.Cancel();
            return await activity;
        }

        return "timer";
    };
}
