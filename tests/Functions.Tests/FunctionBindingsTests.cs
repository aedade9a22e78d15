using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Messaging;
using Portable.Core.Workflows;
using Portable.Functions.Idempotency;
using Portable.Functions.Queues;
using Portable.Functions.Tests.Doubles;

namespace Portable.Functions.Tests;

/// <summary>The triggers the worker declares (what functions.metadata lists) match Core's registry and queues.</summary>
public sealed class FunctionBindingsTests
{
    private static readonly MethodInfo[] Functions = typeof(Program).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods())
        .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToArray();

    [Test]
    public void EveryCoreWorkflowHasAnOrchestrationTriggerAndEveryActivityAnActivityTrigger()
    {
        using var host = new TestHost();
        var registry = host.Services.GetRequiredService<WorkflowRegistry>();

        Assert.Multiple(() =>
        {
            Assert.That(Named<OrchestrationTriggerAttribute>(), Is.EquivalentTo(registry.WorkflowNames));
            Assert.That(Named<ActivityTriggerAttribute>(), Is.EquivalentTo(registry.ActivityNames));
        });
    }

    [Test]
    public void EveryQueueOfCoresConsumerListHasAQueueTriggerAndTheSchedulesAreTheDispatchersAndTheHourlyKeySweeps()
    {
        var queues = Functions.SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<QueueTriggerAttribute>()?.QueueName)
            .OfType<string>();
        var timer = Functions.SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<TimerTriggerAttribute>()?.Schedule)
            .OfType<string>();

        Assert.Multiple(() =>
        {
            Assert.That(queues, Is.EquivalentTo(QueueConsumers.All.Select(binding => binding.Queue)));
            Assert.That(timer, Is.EquivalentTo(new[] { OrderDispatchFunctions.Schedule, IdempotencyKeySweepFunctions.Schedule }));
        });
    }

    [Test]
    public void OneCatchAllHttpTriggerServesTheRouteTableButTheDashboardsPaths()
    {
        var http = Functions.SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .ToList();
        var catchAll = http.Where(trigger => trigger.Route!.StartsWith("{*", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(catchAll, Has.Count.EqualTo(1));
            Assert.That(catchAll[0].Route, Is.EqualTo("{*path:regex(^(?!dashboard(\\W|$)))}"));
            Assert.That(catchAll[0].Methods, Is.EquivalentTo(new[] { "get", "post", "put", "patch", "delete" }));
            Assert.That(http.Except(catchAll).Select(trigger => trigger.Route), Has.Exactly(4).Items.And.All.StartWith("dashboard"), "the dashboard's own triggers");
        });
    }

    private static IEnumerable<string> Named<TTrigger>()
        where TTrigger : Attribute =>
        Functions.Where(method => method.GetParameters().Any(parameter => parameter.GetCustomAttribute<TTrigger>() is not null))
            .Select(method => method.GetCustomAttribute<FunctionAttribute>()!.Name);
}
