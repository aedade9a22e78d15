using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// What a worker needs from the database to run workflows: claim an instance's step and commit it, claim activities
/// and store their results, replay history, know when the next timer is due. Shaped for SQL backends (tables
/// instances, history, inbox, activities); every write is one transaction. Leases make claims exclusive across
/// workers and processes; an expired lease lets another worker redo the work from the same state. Stores read "now"
/// from their own <see cref="TimeProvider"/>. Starting and managing instances is <see cref="IOrchestrationClientStore"/>'s.
/// </summary>
public interface IOrchestrationWorkerStore
{
    /// <summary>Creates the schema when missing. Safe to call repeatedly and concurrently.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Leases the instance whose oldest visible message is oldest, among those without a live lease
    /// that can act on a message (a suspended one only on resume or terminate, a pending one only on
    /// start or terminate), and returns it with up to <paramref name="maxMessages"/> visible messages.
    /// </summary>
    Task<InstanceWorkItem?> ClaimNextInstanceAsync(
        string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken);

    /// <summary>The execution's history, oldest first, to replay it.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken);

    /// <summary>Applies a step atomically; false (and nothing written) when the lease is no longer ours.</summary>
    Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken);

    /// <summary>Releases an instance lease without changes, so the instance can be claimed again at once.</summary>
    Task AbandonInstanceAsync(string instanceId, string owner, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="maxCount"/> activity tasks that have no live lease.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> ClaimActivitiesAsync(
        string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends the leases still ours among <paramref name="activityIds"/>; returns how many.</summary>
    Task<int> RenewActivityLeasesAsync(
        string owner, IReadOnlyCollection<long> activityIds, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction, for each result: deletes the activity row if its lease is still
    /// <paramref name="owner"/>'s and adds the result (TaskCompleted or TaskFailed) to the instance's
    /// inbox. Returns, per result, whether it was stored; false when the row is gone or leased by
    /// another worker, and the result is dropped. Batching lets a fan-in wake its orchestrator once.
    /// </summary>
    Task<IReadOnlyList<bool>> CompleteActivitiesAsync(
        string owner, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken);

    /// <summary>Releases an activity lease so another worker can run the task at once.</summary>
    Task AbandonActivityAsync(long activityId, string owner, CancellationToken cancellationToken);

    /// <summary>The earliest future time a message becomes visible (a timer or a delayed start), if any.</summary>
    Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken);
}
