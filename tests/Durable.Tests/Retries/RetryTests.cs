using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Retries;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class RetryTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Failed_activity_is_retried_with_exponential_backoff_recorded_as_durable_timers(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var attempts = new List<int>();
        var policy = new RetryPolicy(4, TimeSpan.FromMilliseconds(40)) { BackoffCoefficient = 2 };
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string, string>("Flaky", (context, _) =>
                context.CallActivityAsync<string>("FailTwice", null, new TaskOptions(policy)))
            .AddActivity<string?, string>("FailTwice", (activity, _, _) =>
            {
                lock (attempts)
                {
                    attempts.Add(activity.Attempt);
                }

                return activity.Attempt < 3
                    ? throw new InvalidOperationException($"attempt {activity.Attempt} failed")
                    : Task.FromResult("ok");
            }));

        var id = await host.Client.ScheduleNewAsync("Flaky", cancellationToken: cancellationToken);
        await host.Client.WaitForCompletionAsync(id, cancellationToken);
        var result = await host.Client.GetInstanceAsync(id, true, true, cancellationToken);

        var history = result!.History!;
        var timers = history.Where(e => e.EventType == "TimerCreated").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("ok"));
            Assert.That(attempts, Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(history.Count(e => e.EventType == "TaskScheduled"), Is.EqualTo(3));
            Assert.That(history.Count(e => e.EventType == "TaskFailed"), Is.EqualTo(2));
            Assert.That(history.Count(e => e.EventType == "TimerFired"), Is.EqualTo(2));
            Assert.That(
                timers.Select(t => t.FireAt!.Value - t.Timestamp),
                Is.EqualTo(new[] { TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(80) }),
                "each wait doubles the previous one");
            var retried = history.Where(e => e.EventType == "TaskScheduled").Skip(1);
            Assert.That(
                retried.Zip(timers).All(pair => pair.First.Timestamp >= pair.Second.FireAt),
                Is.True,
                "each retry is scheduled only after its timer came due");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Retries_stop_after_the_last_attempt_and_the_failure_reaches_the_orchestrator(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var runs = 0;
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string, string>("AlwaysFails", (context, _) =>
                context.CallActivityAsync<string>(
                    "Broken", null, new TaskOptions(new RetryPolicy(2, TimeSpan.FromMilliseconds(10)))))
            .AddActivity<string?, string>("Broken", (_, _, _) =>
            {
                Interlocked.Increment(ref runs);
                throw new InvalidOperationException("the payment provider said no");
            }));

        var result = await host.RunAsync("AlwaysFails", null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(runs, Is.EqualTo(2));
            Assert.That(result.FailureDetails!.IsCausedBy<TaskFailedException>(), Is.True);
            Assert.That(result.FailureDetails.InnerFailure!.IsCausedBy<InvalidOperationException>(), Is.True);
            Assert.That(result.FailureDetails.InnerFailure.ErrorMessage, Is.EqualTo("the payment provider said no"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Handle_predicate_stops_retries_for_failures_it_rejects(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var runs = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10))
        {
            Handle = failure => !failure.IsCausedBy<ArgumentException>(),
        };
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string, string>("BadInput", async (context, _) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("Validate", null, new TaskOptions(policy));
                }
                catch (TaskFailedException failed)
                {
                    return $"gave up: {failed.FailureDetails.ErrorMessage}";
                }
            })
            .AddActivity<string?, string>("Validate", (_, _, _) =>
            {
                Interlocked.Increment(ref runs);
                throw new ArgumentException("not retryable");
            }));

        var result = await host.RunAsync("BadInput", null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("gave up: not retryable"));
            Assert.That(runs, Is.EqualTo(1));
        });
    }
}
