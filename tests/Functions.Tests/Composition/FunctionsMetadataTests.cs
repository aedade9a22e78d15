using System.Text.Json;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;
using Portable.Functions.Http;
using Portable.Functions.Queues;

namespace Portable.Functions.Tests.Composition;

/// <summary>
/// The functions the Functions host will index, read from the <c>functions.metadata</c> the worker SDK wrote at build
/// (what <c>func azure functionapp publish</c> deploys), held to the full set: a trigger per Core workflow, activity
/// and queue consumer, the dispatch schedule, and the one HTTP trigger behind a function key.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<IndexedFunction> Functions = Read();

    [Test]
    public void The_app_indexes_exactly_its_workflows_activities_queue_consumers_schedule_and_api()
    {
        var workflows = new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow();
        var expected = workflows.WorkflowNames.Concat(workflows.ActivityNames)
            .Concat([QueueFunctions.OrderDispatchName, QueueFunctions.QualitySamplesName, QueueFunctions.QualityNotificationsName, QueueFunctions.ErrorLogsName])
            .Append(OrderDispatchFunctions.ScheduleName)
            .Append(ApiFunction.Name);

        Assert.That(Functions.Select(function => function.Name), Is.EquivalentTo(expected));
    }

    [Test]
    public void Every_queue_with_a_consumer_on_the_other_hosts_has_a_queue_trigger_on_that_queue()
    {
        var triggered = Functions.SelectMany(function => function.Bindings).Where(binding => binding.Type == "queueTrigger").Select(binding => binding.Detail).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(triggered, Is.EquivalentTo(QueueConsumers.All.Select(binding => binding.Queue)));
            Assert.That(triggered, Does.Contain(QueueNames.QualityNotifications).And.Contain(QueueNames.ErrorLogs));
        });
    }

    [Test]
    public void Workflows_and_activities_have_durable_triggers_under_their_registry_names()
    {
        var workflows = new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow();

        Assert.Multiple(() =>
        {
            Assert.That(Named("orchestrationTrigger"), Is.EquivalentTo(workflows.WorkflowNames));
            Assert.That(Named("activityTrigger"), Is.EquivalentTo(workflows.ActivityNames));
            Assert.That(Named("timerTrigger"), Is.EqualTo(new[] { OrderDispatchFunctions.ScheduleName }));
        });
    }

    [Test]
    public void The_http_api_asks_for_a_function_key_and_the_management_api_is_left_to_the_durable_extensions_system_key()
    {
        var http = Functions.Where(function => function.Bindings.Any(binding => binding.Type == "httpTrigger")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(http.Select(function => function.Name), Is.EqualTo(new[] { ApiFunction.Name }), "no HTTP function of the app's own serves workflow management");
            Assert.That(http.Single().Bindings.Single(binding => binding.Type == "httpTrigger").Detail, Is.EqualTo("Function"));
        });
    }

    private static IEnumerable<string> Named(string triggerType) =>
        Functions.Where(function => function.Bindings.Any(binding => binding.Type == triggerType)).Select(function => function.Name);

    private static List<IndexedFunction> Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function => new IndexedFunction(
            function.GetProperty("name").GetString()!,
            [.. function.GetProperty("bindings").EnumerateArray().Select(binding => new IndexedBinding(
                binding.GetProperty("type").GetString()!,
                binding.TryGetProperty("queueName", out var queue) ? queue.GetString()
                : binding.TryGetProperty("authLevel", out var level) ? level.GetString()
                : null))]))];
    }

    private sealed record IndexedFunction(string Name, IReadOnlyList<IndexedBinding> Bindings);

    /// <param name="Detail">A queue trigger's queue, an HTTP trigger's authorization level.</param>
    private sealed record IndexedBinding(string Type, string? Detail);
}
