namespace Portable.Core.Workflows;

public static class WorkflowClientExtensions
{
    /// <summary>Starts <paramref name="workflow"/> with an input of the type it takes; see <see cref="IWorkflowClient.ScheduleNewAsync"/>.</summary>
    public static Task<string> ScheduleNewAsync<TInput, TOutput>(
        this IWorkflowClient client,
        WorkflowReference<TInput, TOutput> workflow,
        TInput input,
        StartWorkflowOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(workflow);
        return client.ScheduleNewAsync(workflow.Name, input, options, cancellationToken);
    }
}
