using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Functions.Durable;

/// <summary>One orchestration trigger per Core workflow, named as the workflow registry names it.</summary>
public sealed class WorkflowFunctions(WorkflowRunner runner)
{
    [Function(OrderWorkflow.Name)]
    public Task<object?> OrderLifecycle([OrchestrationTrigger] TaskOrchestrationContext context) => runner.RunAsync(context);

    [Function(QualityWorkflow.Name)]
    public Task<object?> QualityControl([OrchestrationTrigger] TaskOrchestrationContext context) => runner.RunAsync(context);

    [Function(QualityNotificationWorkflow.Name)]
    public Task<object?> QualityNotification([OrchestrationTrigger] TaskOrchestrationContext context) => runner.RunAsync(context);
}
