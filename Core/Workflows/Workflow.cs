namespace Portable.Core.Workflows;

/// <summary>
/// A typed orchestrator. The code must be deterministic: it is replayed from history. Declare a
/// <see cref="WorkflowReference{TInput, TOutput}"/> beside it to register, start and call it type-checked.
/// </summary>
public abstract class Workflow<TInput, TOutput> : IWorkflow
{
    Type IWorkflow.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(WorkflowContext context, TInput input);

    async Task<object?> IWorkflow.RunAsync(WorkflowContext context, object? input) =>
        await RunAsync(context, TypedInput.Of<TInput>(input));
}
