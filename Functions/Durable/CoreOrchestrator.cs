using System.Text.Json;
using Microsoft.DurableTask;

namespace Portable.Functions.Durable;

/// <summary>
/// Every Core workflow as a durabletask-dotnet orchestrator: the orchestration's name names the workflow; <see cref="WorkflowRunner"/> runs it through <see cref="TaskOrchestrationContextAdapter"/>,
/// as the Functions orchestration triggers do.
/// </summary>
public sealed class CoreOrchestrator(WorkflowRunner runner) : ITaskOrchestrator
{
    /// <summary>The runner reads the input from the context as Core wrote it.</summary>
    public Type InputType => typeof(JsonElement);

    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) => runner.RunAsync(context);
}
