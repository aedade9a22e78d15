using Portable.Adapters.Durable.History;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// What the workflow client and operators need from the database: start instances, read and list them with their
/// history, send them messages, purge them. Every write is one transaction; what a write starts is run by a worker
/// through <see cref="IOrchestrationWorkerStore"/>. Stores read "now" from their own <see cref="TimeProvider"/>.
/// </summary>
public interface IOrchestrationClientStore
{
    /// <summary>
    /// Creates an instance with its start message. An id held by a non-terminal instance is a
    /// <see cref="Core.Validation.ConflictException"/>; a terminal one is reset and started afresh.
    /// </summary>
    Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken);

    Task<InstanceState?> GetInstanceAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken);

    /// <summary>
    /// The instance with its current execution's history, both as of one moment: a step committing meanwhile shows in
    /// both or in neither.
    /// </summary>
    Task<InstanceWithHistory?> GetInstanceWithHistoryAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken);

    /// <summary>The execution's history, oldest first, to show it.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken);

    Task<InstanceStatePage> QueryInstancesAsync(WorkflowQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a message (raised event, terminate, suspend, resume) for the current execution, unless the
    /// instance has ended. Returns the instance's status, or null when it does not exist.
    /// </summary>
    Task<WorkflowRuntimeStatus?> EnqueueMessageAsync(
        string instanceId, HistoryEvent message, CancellationToken cancellationToken);

    /// <summary>Deletes an ended instance with its history; 0 when missing. A running one is a conflict.</summary>
    Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task<int> PurgeInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken);
}
