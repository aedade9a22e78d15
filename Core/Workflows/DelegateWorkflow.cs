namespace Portable.Core.Workflows;

/// <summary>An orchestrator given as a function, for small workflows and tests.</summary>
internal sealed class DelegateWorkflow<TInput, TOutput>(Func<WorkflowContext, TInput, Task<TOutput>> run)
    : Workflow<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(WorkflowContext context, TInput input) => run(context, input);
}
