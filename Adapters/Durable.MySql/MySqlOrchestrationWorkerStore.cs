using System.Collections.Concurrent;
using System.Data;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// <see cref="IOrchestrationWorkerStore"/> on MySQL (RDS) or MariaDB, shared by any number of workers and Lambda
/// instances. Every write is one short READ COMMITTED transaction. An orchestration step is one transaction from its
/// claim to its commit: the procedure <c>durable_claim_step</c> finds work with <c>SELECT ... FOR UPDATE SKIP LOCKED</c>
/// (so claimers pass over what others hold) and locks the instance, and the transaction stays open on its connection
/// while the worker runs the step; the step's writes (multi-row INSERTs) and the COMMIT then go in one command. Two
/// round trips and one commit a step. The lease is the claim's time to live: a claim not committed within it is rolled
/// back by a timer, or by the server once the connection has been idle that long (a hung process), and a worker that
/// dies takes its open claims with its connections; each way the instance is free again. Activities are claimed, under
/// leases, and completed in batches, one transaction each. The schema and the procedures are migrations 0002 and 0006.
/// </summary>
/// <remarks>
/// <para>
/// Retries: every call runs through <see cref="MySqlDatabase.RunAsync{T}"/>, which repeats it on a new connection
/// after a transient failure. Reads and lease updates are idempotent. A deadlock, or a failure before the COMMIT was
/// sent, leaves nothing behind. Only an unanswered COMMIT (the connection lost while it was under way) is ambiguous,
/// so each write then first finds out what is stored (<see cref="WriteAttempt"/>): a step by the step id it wrote into
/// the instance row, a completion by its activity rows being gone, a claim of activities by their leases. One case
/// stays open: a step whose COMMIT the server was still processing when that read looked reports false, as a lost
/// lease would; nothing is lost by that, the worker only skips its wake-up hints.
/// </para>
/// <para>
/// Leases and timers compare times taken from the workers' own clocks, as on SQLite: keep the hosts' clocks in sync.
/// READ COMMITTED needs row-based binary logging (MySQL's default); the database user needs EXECUTE on the procedures.
/// </para>
/// </remarks>
public sealed partial class MySqlOrchestrationWorkerStore(
    MySqlDatabase database, TimeProvider timeProvider, ILogger<MySqlOrchestrationWorkerStore> logger) : IOrchestrationWorkerStore, IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, WorkflowRuntimeStatus> NoChildren = new Dictionary<string, WorkflowRuntimeStatus>();

    /// <summary>
    /// The claims this store handed out whose transaction is open: the connection a step commits on. At most one entry
    /// per instance, dropped when the step commits or is abandoned, or when its lease duration passes.
    /// </summary>
    private readonly ConcurrentDictionary<string, ClaimedStep> _claims = new(StringComparer.Ordinal);

    /// <summary>Rolls back the claims still open, so that their instances are free at once for other workers.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var claim in _claims.Values)
        {
            if (claim.TryTake() is { } connection)
            {
                await ClaimedStep.ReleaseAsync(connection);
            }
        }

        _claims.Clear();
    }

    /// <summary>
    /// Nothing to do: the database's first use checks the schema (<see cref="MySqlSchema"/>, shared with the other
    /// stores and the host's migration at start), so a function's init phase does not open a connection for it.
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<InstanceClaim> ClaimInstanceAsync(
        string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken)
    {
        // One round trip: the procedure starts the transaction (after its hint of more work, read outside it), finds
        // and locks (SELECT ... FOR UPDATE SKIP LOCKED), and marks the instance leased, uncommitted: the transaction
        // stays open on its connection, holding the locks, until the step commits there (migration 0016). When it finds
        // nothing it rolls back itself and tells when the next message is due, so an idle poll costs one round trip. A
        // failed attempt leaves nothing behind, and runs again. The session's idle timeout, which the procedure sets on
        // a claim, is the lease's too: should this process hang, or its host vanish without closing the socket, the
        // server drops the connection, and the claim with it, once the lease has passed. Whatever ends the claim
        // restores the server's default: the durable pool resets no session.
        var idleSeconds = (long)Math.Max(1, Math.Ceiling(leaseDuration.TotalSeconds));
        var (claim, connection) = await database.RunHoldingAsync(
            async (connection, token) =>
            {
                var now = Now();
                var batch = new SqlBatch();
                batch.Sql($"CALL durable_claim_step({now.UtcTicks}, {maxMessages}, {idleSeconds});");
                try
                {
                    return await DurableReads.ClaimAsync(batch, connection, token);
                }
                catch (Exception) when (connection.State == ConnectionState.Open)
                {
                    await DurableReads.EndClaimAsync(connection);
                    throw;
                }
            },
            hold: claimed => claimed.Item is not null,
            cancellationToken);
        if (claim.Item is not { } item || connection is null)
        {
            return claim;
        }

        var step = new ClaimedStep(item.InstanceId, owner, item.ExecutionId, item.LastSequence, connection);
        step.ExpireAfter(leaseDuration, timeProvider, expired => _claims.TryRemove(KeyValuePair.Create(expired.InstanceId, expired)));
        _claims[item.InstanceId] = step;
        return claim;
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken) =>
        DurableReads.HistoryAsync(database, instanceId, executionId, cancellationToken);

    public async Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken) =>
        await CommitClaimedAsync(commit, keep: null, cancellationToken) is not null;

    /// <summary>The step on its claim's transaction; null when the claim is no longer ours, else the activities kept.</summary>
    private async Task<IReadOnlyList<ActivityWorkItem>?> CommitClaimedAsync(StepCommit commit, KeptLease? keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);

        // Only the claim's own transaction, still open, can commit the step: one that expired was rolled back, with
        // its lease, and then the instance may be someone else's.
        if (TakeClaim(commit.InstanceId, commit.LeaseOwner) is not { } claim || claim.TryTake() is not { } connection)
        {
            return null;
        }

        if (claim.ExecutionId != commit.ExecutionId)
        {
            await ClaimedStep.ReleaseAsync(connection);
            return null;
        }

        var stepId = Guid.NewGuid().ToString("N");
        var (committed, kept) = await CommitOnClaimAsync(connection, commit, claim.LastSequence, stepId, keep, cancellationToken);

        // After an unanswered COMMIT the kept rows' ids are unknown: their lease passes and any worker runs them.
        return (committed ?? await StepCommittedAsync(commit.InstanceId, stepId, cancellationToken)) ? kept : null;
    }

    /// <summary>
    /// Writes the step and commits on the claim's connection: one round trip, two when the step starts
    /// sub-orchestrations (it must see whether their ids are taken). False when the server rolled the transaction back
    /// (a deadlock), null when the outcome is unknown (the connection failed under the COMMIT), and the caller looks.
    /// </summary>
    private async Task<(bool? Committed, IReadOnlyList<ActivityWorkItem> Kept)> CommitOnClaimAsync(
        MySqlConnection connection, StepCommit commit, long lastSequence, string stepId, KeptLease? keep, CancellationToken cancellationToken)
    {
        IReadOnlyList<ActivityWorkItem> kept;
        try
        {
            var childStatuses = NoChildren;
            if (commit.SubOrchestrations.Count > 0)
            {
                var children = new SqlBatch();
                children.Sql($"SELECT instance_id, runtime_status FROM durable_instances WHERE instance_id IN ({string.Join(", ", commit.SubOrchestrations.Select(child => children.Param(child.InstanceId)))}) FOR UPDATE;");
                childStatuses = await DurableReads.ReadStatusesAsync(children, connection, cancellationToken);
            }

            var write = new SqlBatch();
            DurableStatements.AppendStep(write, commit, lastSequence, childStatuses, stepId, Now(), keep);
            write.Sql($"COMMIT; {DurableReads.RestoreIdleTimeout}");
            kept = await DurableReads.KeptActivitiesAsync(write, connection, commit, keep, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException
            && MySqlFailures.Classify(exception, opening: false) is not MySqlFailure.Other)
        {
            await ClaimedStep.ReleaseAsync(connection);

            // A deadlock is the server's answer: the claim's transaction was rolled back before its COMMIT ran.
            return (exception is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout } ? false : null, []);
        }
        catch
        {
            await ClaimedStep.ReleaseAsync(connection);
            throw;
        }

        await connection.DisposeAsync();
        return (true, kept);
    }

    /// <summary>
    /// Whether a step whose COMMIT went unanswered was committed: its id is in the instance row then. A plain read, so
    /// that it never waits on another worker's claim of the instance.
    /// </summary>
    private Task<bool> StepCommittedAsync(string instanceId, string stepId, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                var read = new SqlBatch();
                read.Sql($"SELECT last_step_id FROM durable_instances WHERE instance_id = {read.Param(instanceId)};");
                var committed = (string?)await read.ScalarAsync(connection, token) == stepId;
                if (committed)
                {
                    LogUnansweredCommitFound(logger, instanceId);
                }

                return committed;
            },
            cancellationToken);

    public async Task AbandonInstanceAsync(string instanceId, string owner, CancellationToken cancellationToken)
    {
        // Rolling the claim's transaction back undoes its lease too; a claim that expired is undone already.
        if (TakeClaim(instanceId, owner)?.TryTake() is { } connection)
        {
            await ClaimedStep.ReleaseAsync(connection);
        }
    }

    public Task<IReadOnlyList<ActivityWorkItem>> ClaimActivitiesAsync(
        string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        (IReadOnlyList<ActivityWorkItem> Items, long Expires)? sent = null;
        return WriteAttempt.RunAsync<IReadOnlyList<ActivityWorkItem>>(
            database,
            async (connection, attempt, token) =>
            {
                var now = Now();
                if (attempt.EarlierMayHaveCommitted && sent is { } earlier)
                {
                    var held = await DurableReads.ActivitiesLeasedAsync(connection, earlier.Items, owner, earlier.Expires, token);
                    if (held.Count > 0)
                    {
                        // A claim commits whole: the earlier one went through.
                        return held;
                    }
                }

                // An idle poll is one plain read, outside any transaction: it locks nothing and needs no rollback.
                if (!await DurableReads.AnyActivityClaimableAsync(connection, now.UtcTicks, token))
                {
                    return [];
                }

                // The index walk locks only the rows it returns; a sort would lock every claimable row first.
                var find = SqlBatch.BeginTransaction().Sql($"""
                    SELECT {DurableRows.ActivityColumns} FROM durable_activities FORCE INDEX (ix_durable_activities_lease)
                    WHERE lease_expires_at <= {now.UtcTicks} AND visible_at <= {now.UtcTicks}
                    ORDER BY lease_expires_at, id
                    LIMIT {maxCount}
                    FOR UPDATE SKIP LOCKED;
                    """);
                var claimed = new List<ActivityWorkItem>();
                await using (var command = find.Build(connection))
                await using (var reader = await command.ExecuteReaderAsync(token))
                {
                    while (await reader.ReadAsync(token))
                    {
                        claimed.Add(DurableRows.Activity(reader));
                    }
                }

                if (claimed.Count == 0)
                {
                    await DurableReads.RollBackAsync(connection);
                    return claimed;
                }

                var expires = (now + leaseDuration).UtcTicks;
                var lease = new SqlBatch();
                lease.Sql($"UPDATE durable_activities SET lease_owner = {lease.Param(owner)}, lease_expires_at = {expires} WHERE id IN ({SqlBatch.List(claimed.Select(a => a.Id))}); COMMIT;");
                sent = (claimed, expires);
                attempt.SendingCommit();
                await lease.ExecuteAsync(connection, token);
                return claimed;
            },
            cancellationToken);
    }

    public Task<int> RenewActivityLeasesAsync(
        string owner, IReadOnlyCollection<long> activityIds, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityIds);
        if (activityIds.Count == 0)
        {
            return Task.FromResult(0);
        }

        return database.RunAsync(
            (connection, token) =>
            {
                var renew = new SqlBatch();
                renew.Sql($"UPDATE durable_activities SET lease_expires_at = {(Now() + leaseDuration).UtcTicks} WHERE lease_owner = {renew.Param(owner)} AND id IN ({SqlBatch.List(activityIds)});");
                return renew.ExecuteAsync(connection, token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<bool>> CompleteActivitiesAsync(
        string owner, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<bool>>([]);
        }

        // Rows an attempt found ours and deleted; gone after an unanswered COMMIT, they were ours to store.
        HashSet<long> sent = [];
        return WriteAttempt.RunAsync<IReadOnlyList<bool>>(
            database,
            async (connection, attempt, token) =>
            {
                var check = SqlBatch.BeginTransaction();
                check.Sql($"SELECT id, lease_owner FROM durable_activities WHERE id IN ({SqlBatch.List(results.Select(r => r.Activity.Id).Distinct())}) FOR UPDATE;");
                var owners = new Dictionary<long, string?>();
                await using (var command = check.Build(connection))
                await using (var reader = await command.ExecuteReaderAsync(token))
                {
                    while (await reader.ReadAsync(token))
                    {
                        owners[reader.GetInt64(0)] = DurableRows.NullableString(reader, 1);
                    }
                }

                var now = Now();
                var stored = new bool[results.Count];
                var ours = new HashSet<long>();
                var messages = new List<OutboundMessage>(results.Count);
                for (var i = 0; i < results.Count; i++)
                {
                    var activity = results[i].Activity;
                    if (owners.TryGetValue(activity.Id, out var leaseOwner) && leaseOwner == owner && ours.Add(activity.Id))
                    {
                        stored[i] = true;
                        messages.Add(new OutboundMessage(activity.InstanceId, activity.ExecutionId, results[i].Result, now));
                    }
                    else if (attempt.EarlierMayHaveCommitted && !owners.ContainsKey(activity.Id) && sent.Remove(activity.Id))
                    {
                        stored[i] = true;
                    }
                }

                if (ours.Count == 0)
                {
                    await DurableReads.RollBackAsync(connection);
                    return stored;
                }

                // An activity row exists only while its instance runs, and we hold it locked: the instance is there.
                var write = new SqlBatch().Sql($"DELETE FROM durable_activities WHERE id IN ({SqlBatch.List(ours)});");
                DurableStatements.InsertMessages(write, messages);
                write.Sql($"COMMIT;");
                sent = ours;
                attempt.SendingCommit();
                await write.ExecuteAsync(connection, token);
                return stored;
            },
            cancellationToken);
    }

    public Task AbandonActivityAsync(long activityId, string owner, CancellationToken cancellationToken) =>
        database.RunAsync(
            (connection, token) =>
            {
                var release = new SqlBatch();
                release.Sql($"UPDATE durable_activities SET lease_owner = NULL, lease_expires_at = 0 WHERE id = {activityId} AND lease_owner = {release.Param(owner)};");
                return release.ExecuteAsync(connection, token);
            },
            cancellationToken);

    /// <summary>Forgets the claim <paramref name="owner"/> made of the instance, and returns it; another owner's stays.</summary>
    private ClaimedStep? TakeClaim(string instanceId, string owner) =>
        _claims.TryGetValue(instanceId, out var claim) && claim.Owner == owner && _claims.TryRemove(KeyValuePair.Create(instanceId, claim))
            ? claim
            : null;

    private DateTimeOffset Now() => timeProvider.GetUtcNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "The commit of a step of {InstanceId} went unanswered; it had been committed.")]
    private static partial void LogUnansweredCommitFound(ILogger logger, string instanceId);
}
