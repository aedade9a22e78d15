using Portable.Adapters.Durable.History;

namespace Portable.Adapters.Durable.Store;

/// <summary>
/// What a worker needs from the database to run workflows: claim an instance's step and commit it, claim activities
/// and store their results, replay history; an empty claim tells when the next timer is due. Shaped for SQL backends (tables
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
    /// start or terminate), and returns it with up to <paramref name="maxMessages"/> visible messages, and whether
    /// another instance had a message ready. When none is ready it tells instead when the next message becomes
    /// visible: an idle worker learns in one call that there is nothing to do and how long it may sleep.
    /// </summary>
    Task<InstanceClaim> ClaimInstanceAsync(
        string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken);

    /// <summary>The execution's history, oldest first, to replay it.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken);

    /// <summary>Applies a step atomically; false (and nothing written) when the lease is no longer ours.</summary>
    Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a step as <see cref="CommitStepAsync"/> does, and leases the activities it schedules to the step's owner
    /// for <paramref name="activityLease"/>, so that the worker runs them at once without claiming them; the rows are
    /// recorded all the same, so a worker that dies leaves them to any other once the lease passes. Returns them, with
    /// their row ids, or null (and nothing written) when the instance lease is no longer ours.
    /// </summary>
    Task<IReadOnlyList<ActivityWorkItem>?> CommitStepKeepingActivitiesAsync(
        StepCommit commit, TimeSpan activityLease, CancellationToken cancellationToken);

    /// <summary>
    /// Stores activity results together with the next step of their instance, which the worker replayed from the
    /// history it had cached: in one transaction, and only when the instance is held by no other worker, is still at
    /// <paramref name="lastSequence"/> of the step's execution, has no other message ready, and every result's activity
    /// row is still <paramref name="owner"/>'s. Then the rows are deleted, <paramref name="step"/> (whose history holds
    /// the results) is applied, and the activities it schedules are kept as by <see cref="CommitStepKeepingActivitiesAsync"/>
    /// and returned. Otherwise nothing is written and null is returned: the caller stores the results the ordinary way.
    /// </summary>
    Task<IReadOnlyList<ActivityWorkItem>?> CompleteActivitiesWithStepAsync(
        string owner, IReadOnlyList<ActivityResult> results, long lastSequence, StepCommit step, TimeSpan activityLease,
        CancellationToken cancellationToken);

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
}
