using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Core.Workflows;
using Portable.Functions.Serialization;

namespace Portable.Functions.Durable;

/// <summary>
/// Core's workflows on any durabletask-dotnet worker, not only inside Functions: <see cref="AddCoreWorkflows"/> adds every
/// workflow and activity of a <see cref="WorkflowRegistry"/> to the worker's <see cref="DurableTaskRegistry"/> through the
/// adapter the Functions triggers use, and <see cref="AddCoreWorkflowWorker"/> gives the worker what they need.
/// </summary>
public static class CoreWorkflowTasks
{
    /// <summary>
    /// An orchestrator per workflow name and an activity per activity name, all run by Core's registry. The engine builds
    /// orchestrators without its services (orchestrator code must not reach for any), so the runner is built here.
    /// </summary>
    /// <param name="tasks">The worker's registry.</param>
    /// <param name="workflows">Core's workflows and activities (the host's, as <c>AddPortableCore</c> registers it).</param>
    /// <param name="converter">Core's converter, which reads workflow inputs and writes activity inputs.</param>
    public static DurableTaskRegistry AddCoreWorkflows(this DurableTaskRegistry tasks, WorkflowRegistry workflows, IDataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(workflows);
        var runner = new WorkflowRunner(workflows, converter);
        foreach (var name in workflows.WorkflowNames)
        {
            tasks.AddOrchestrator(name, () => new CoreOrchestrator(runner));
        }

        foreach (var name in workflows.ActivityNames)
        {
            tasks.AddActivity(name, services => new CoreActivity(services.GetRequiredService<ActivityRunner>(), services));
        }

        return tasks;
    }

    /// <summary>
    /// The runner behind the activities, and a Durable <see cref="DataConverter"/> over Core's converter
    /// (the worker and client take it from the container), so payloads are stored as on every other host. Core's
    /// <see cref="IDataConverter"/> and <see cref="WorkflowRegistry"/> come from Core's registration (<c>AddPortableCore</c>).
    /// </summary>
    public static IServiceCollection AddCoreWorkflowWorker(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ActivityRunner>();
        services.TryAddSingleton<DataConverter>(new CoreDataConverter(Program.JsonContexts));
        return services;
    }
}
