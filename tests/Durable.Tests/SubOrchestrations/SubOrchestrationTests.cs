using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.SubOrchestrations;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class SubOrchestrationTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Sub_orchestration_output_is_returned_to_the_parent(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);

        var result = await host.RunAsync("Parent", "ok", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("child said OK"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Sub_orchestration_failure_reaches_the_parent_as_SubOrchestrationFailedException(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        await using var host = await DurableTestHost.StartAsync(database, Register);

        var result = await host.RunAsync("Parent", "fail", cancellationToken);
        var child = await host.Client.GetInstanceAsync(result.InstanceId + ":child", true, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(result.FailureDetails!.IsCausedBy<SubOrchestrationFailedException>(), Is.True);
            Assert.That(result.FailureDetails.InnerFailure!.ErrorMessage, Is.EqualTo("child refused"));
            Assert.That(child!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Failed_sub_orchestration_is_retried_under_the_same_instance_id(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("RetryingParent", (context, _) =>
                context.CallSubOrchestratorAsync<string>(
                    "FlakyChild",
                    null,
                    new SubOrchestrationOptions(context.InstanceId + ":flaky", new RetryPolicy(3, TimeSpan.FromMilliseconds(20)))))
            .AddWorkflow<string?, string>("FlakyChild", (context, _) => context.CallActivityAsync<string>("FailOnce"))
            .AddActivity<string?, string>("FailOnce", (_, _, _) =>
                Interlocked.Increment(ref attempts) == 1
                    ? throw new InvalidOperationException("first try fails")
                    : Task.FromResult("second try works")));

        var result = await host.RunAsync("RetryingParent", null, cancellationToken);
        var history = (await host.Client.GetInstanceAsync(result.InstanceId, false, true, cancellationToken))!.History!;

        Assert.Multiple(() =>
        {
            Assert.That(host.Read<string>(result.SerializedOutput), Is.EqualTo("second try works"));
            Assert.That(history.Count(e => e.EventType == "SubOrchestrationCreated"), Is.EqualTo(2));
            Assert.That(history.Count(e => e.EventType == "SubOrchestrationFailed"), Is.EqualTo(1));
            Assert.That(history.Count(e => e.EventType == "TimerFired"), Is.EqualTo(1));
        });
    }

    private static void Register(WorkflowRegistry registry) => registry
        .AddWorkflow<string, string>("Parent", async (context, input) =>
        {
            var reply = await context.CallSubOrchestratorAsync<string>(
                "Child", input, new SubOrchestrationOptions(context.InstanceId + ":child"));
            return $"child said {reply}";
        })
        .AddWorkflow<string, string>("Child", async (context, input) =>
        {
            var upper = await context.CallActivityAsync<string>("Upper", input);
            return upper == "FAIL" ? throw new InvalidOperationException("child refused") : upper;
        })
        .AddActivity<string, string>("Upper", (_, input, _) => Task.FromResult(input.ToUpperInvariant()));
}
