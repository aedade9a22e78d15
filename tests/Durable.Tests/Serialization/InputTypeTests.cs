using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Serialization;

/// <summary>On the portable runtime, a typed activity or workflow given input of another type fails, naming both, instead of running on a default.</summary>
public sealed class InputTypeTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task An_activity_called_with_another_type_fails_the_task_naming_the_type_it_takes_and_what_it_was_given(CancellationToken cancellationToken)
    {
        using var database = new SqliteTestDatabase();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("CallsGreetWithText", (context, _) => context.CallActivityAsync<string>("Greet", "Ada"))
            .AddActivity<Greeting, string>("Greet", (_, greeting, _) => Task.FromResult($"Hello {greeting.Name}")));

        var result = await host.RunAsync("CallsGreetWithText", null, cancellationToken);

        var cause = result.FailureDetails!.InnerFailure!;
        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(cause.ErrorType, Is.EqualTo(typeof(DataTypeMismatchException).FullName));
            Assert.That(cause.ErrorMessage, Does.Contain(typeof(Greeting).FullName).And.Contain("a JSON String"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_workflow_started_with_another_type_fails_naming_the_type_it_takes_and_what_it_was_given(CancellationToken cancellationToken)
    {
        using var database = new SqliteTestDatabase();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<Greeting, string>("Greets", (_, greeting) => Task.FromResult($"Hello {greeting.Name}")));

        var result = await host.RunAsync("Greets", new[] { 1, 2, 3 }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Failed));
            Assert.That(result.FailureDetails!.ErrorType, Is.EqualTo(typeof(DataTypeMismatchException).FullName));
            Assert.That(result.FailureDetails.ErrorMessage, Does.Contain(typeof(Greeting).FullName).And.Contain("a JSON Array"));
        });
    }
}
