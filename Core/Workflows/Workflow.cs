namespace Portable.Core.Workflows;

/// <summary>A typed orchestrator. The code must be deterministic: it is replayed from history.</summary>
public abstract class Workflow<TInput, TOutput> : IWorkflow
{
    Type IWorkflow.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(WorkflowContext context, TInput input);

    async Task<object?> IWorkflow.RunAsync(WorkflowContext context, object? input) =>
        await RunAsync(context, input is TInput typed ? typed : default!);
}
