using Portable.Adapters.Durable.Replay;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Determinism;

[TestFixtureSource(typeof(TestStores), nameof(TestStores.All))]
public sealed class NonDeterminismTests(string store) : StoreFixture(store)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Changed_orchestrator_code_under_the_same_name_fails_the_replay_as_non_deterministic(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        string id;
        await using (var v1 = await DurableTestHost.StartAsync(database, registry => Register(registry, firstActivity: "ReserveStock")))
        {
            id = await v1.Client.ScheduleNewAsync("Checkout", cancellationToken: cancellationToken);
            await v1.WaitUntilAsync(
                id, i => i.History!.Any(e => e.EventType == "TaskCompleted"), cancellationToken, getHistory: true);
        }

        await using var v2 = await DurableTestHost.StartAsync(database, registry => Register(registry, firstActivity: "ChargeCard"));
        await v2.Client.RaiseEventAsync(id, "confirm", "yes", cancellationToken);
        var result = await v2.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(result.FailureDetails!.IsCausedBy<NonDeterministicWorkflowException>(), Is.True);
            Assert.That(
                result.FailureDetails.ErrorMessage,
                Does.Contain("activity 'ReserveStock'").And.Contain("activity 'ChargeCard'").And.Contain(id));
        });
    }

    private static void Register(WorkflowRegistry registry, string firstActivity) => registry
        .AddWorkflow<string?, string>("Checkout", async (context, _) =>
        {
            await context.CallActivityAsync<string>(firstActivity, "order-1");
            return await context.WaitForExternalEvent<string>("confirm");
        })
        .AddActivity<string, string>("ReserveStock", (_, order, _) => Task.FromResult($"reserved {order}"))
        .AddActivity<string, string>("ChargeCard", (_, order, _) => Task.FromResult($"charged {order}"));
}
