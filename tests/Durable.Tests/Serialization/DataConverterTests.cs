using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Serialization;

public sealed class DataConverterTests
{
    private sealed record Unregistered(int Value);

    [Test]
    public void Registered_source_generated_types_round_trip()
    {
        var converter = new JsonDataConverter([TestJsonContext.Default]);

        var text = converter.Serialize(new Greeting("Ada", 2));

        Assert.That(converter.Deserialize<Greeting>(text), Is.EqualTo(new Greeting("Ada", 2)));
    }

    [Test]
    public void Unregistered_type_fails_with_a_message_that_names_the_type_and_the_fix()
    {
        var converter = new JsonDataConverter([TestJsonContext.Default]);

        var error = Assert.Throws<InvalidOperationException>(() => converter.Serialize(new Unregistered(1)));

        Assert.That(error!.Message, Does.Contain(typeof(Unregistered).FullName).And.Contain("JsonSerializable"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task An_activity_returning_an_unregistered_type_fails_the_task_with_that_message(CancellationToken cancellationToken)
    {
        using var database = new SqliteTestDatabase();
        await using var host = await DurableTestHost.StartAsync(database, registry => registry
            .AddWorkflow<string?, string>("UsesUnregistered", async (context, _) =>
            {
                await context.CallActivityAsync("ReturnsUnregistered");
                return "unreachable";
            })
            .AddActivity<string?, Unregistered>("ReturnsUnregistered", (_, _, _) => Task.FromResult(new Unregistered(1))));

        var result = await host.RunAsync("UsesUnregistered", null, cancellationToken);

        Assert.That(result.FailureDetails!.InnerFailure!.ErrorMessage, Does.Contain(nameof(Unregistered)));
    }
}
