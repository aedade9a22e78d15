using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Shutdown;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class ShutdownTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Stopping_lets_a_running_activity_finish_and_store_its_result(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        void Register(WorkflowRegistry registry) => registry
            .AddWorkflow<string?, string>("Slow", (context, _) => context.CallActivityAsync<string>("Work"))
            .AddActivity<string?, string>("Work", async (_, _, ct) =>
            {
                Interlocked.Increment(ref runs);
                started.TrySetResult();
                await Task.Delay(200, ct);
                return "finished";
            });

        string id;
        await using (var first = await DurableTestHost.StartAsync(database, Register))
        {
            id = await first.Client.ScheduleNewAsync("Slow", cancellationToken: cancellationToken);
            await started.Task.WaitAsync(cancellationToken);
            await first.StopWorkerAsync(TimeSpan.FromSeconds(10));
        }

        await using var second = await DurableTestHost.StartAsync(database, Register);
        var result = await second.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Read<string>(result.SerializedOutput), Is.EqualTo("finished"));
            Assert.That(runs, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Activity_still_running_at_the_shutdown_timeout_is_released_for_another_worker(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        void Register(WorkflowRegistry registry) => registry
            .AddWorkflow<string?, string>("Stuck", (context, _) => context.CallActivityAsync<string>("Hang"))
            .AddActivity<string?, string>("Hang", async (_, _, ct) =>
            {
                if (Interlocked.Increment(ref runs) == 1)
                {
                    started.TrySetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return "second run";
            });

        string id;
        await using (var first = await DurableTestHost.StartAsync(database, Register))
        {
            id = await first.Client.ScheduleNewAsync("Stuck", cancellationToken: cancellationToken);
            await started.Task.WaitAsync(cancellationToken);
            await first.StopWorkerAsync(TimeSpan.FromMilliseconds(100));
        }

        // The default activity lease is a minute: finishing well before proves the lease was released.
        await using var second = await DurableTestHost.StartAsync(database, Register);
        var result = await second.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Read<string>(result.SerializedOutput), Is.EqualTo("second run"));
            Assert.That(runs, Is.EqualTo(2));
        });
    }
}
