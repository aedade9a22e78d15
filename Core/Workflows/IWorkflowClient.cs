namespace Portable.Core.Workflows;

/// <summary>
/// Manages workflow instances: what application code and the Durable Functions style HTTP API use.
/// The portable runtime implements it over its store; the Azure host over <c>DurableTaskClient</c>.
/// </summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts an instance and returns its id. Starting an id that is still running is a
    /// <see cref="Validation.ConflictException"/>; an id whose instance ended starts afresh.
    /// </summary>
    Task<string> ScheduleNewAsync(
        string name, object? input = null, StartWorkflowOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Null when no such instance exists.</summary>
    Task<WorkflowInstance?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, bool getHistory = false, CancellationToken cancellationToken = default);

    Task<WorkflowQueryResult> QueryAsync(WorkflowQuery query, CancellationToken cancellationToken = default);

    /// <summary>Delivers an event; an unknown instance is a <see cref="Validation.NotFoundException"/>,
    /// an ended one ignores it.</summary>
    Task RaiseEventAsync(
        string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>Ends the instance (and, when <paramref name="recursive"/>, its running sub-orchestrations).</summary>
    Task TerminateAsync(
        string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default);

    /// <summary>Stops processing; events keep arriving and wait until <see cref="ResumeAsync"/>.</summary>
    Task SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    Task ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an ended instance and its history; returns how many were deleted (0 or 1).
    /// Purging one that has not ended is a <see cref="Validation.ConflictException"/>.</summary>
    Task<int> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<int> PurgeAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance ends and returns it with inputs and outputs.</summary>
    Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default);
}
