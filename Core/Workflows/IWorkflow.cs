namespace Portable.Core.Workflows;

/// <summary>An orchestrator as the runtime sees it; implement <see cref="Workflow{TInput, TOutput}"/> instead.</summary>
public interface IWorkflow
{
    Type InputType { get; }

    Task<object?> RunAsync(WorkflowContext context, object? input);
}
