using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// <see cref="IOrchestrationStore"/> on MySQL (RDS) or MariaDB, shared by any number of workers and Lambda
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
/// so each write then first finds out what is stored: a step by the step id it wrote into the instance row, a new
/// instance by its execution id, a completion by its activity rows being gone, a message by its payload in the inbox
/// or history. One case stays open: a step whose COMMIT the server was still processing when that read looked reports
/// false, as a lost lease would; nothing is lost by that, the worker only skips its wake-up hints.
/// </para>
/// <para>
/// Leases and timers compare times taken from the workers' own clocks, as on SQLite: keep the hosts' clocks in sync.
/// READ COMMITTED needs row-based binary logging (MySQL's default); the database user needs EXECUTE on the procedures.
/// </para>
/// </remarks>
public sealed partial class MySqlOrchestrationStore(
    MySqlDatabase database, TimeProvider timeProvider, ILogger<MySqlOrchestrationStore> logger) : IOrchestrationStore, IAsyncDisposable
{
    private static readonly WorkflowRuntimeStatus[] TerminalStatuses =
        [WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed, WorkflowRuntimeStatus.Terminated];

    private static readonly IReadOnlyDictionary<string, WorkflowRuntimeStatus> NoChildren = new Dictionary<string, WorkflowRuntimeStatus>();

    /// <summary>
    /// The claims this store handed out whose transaction is open: the connection a step commits on. At most one entry
    /// per instance, dropped when the step commits or is abandoned, or when its lease duration passes.
    /// </summary>
    private readonly ConcurrentDictionary<string, ClaimedStep> _claims = new(StringComparer.Ordinal);

    private volatile bool _initialized;

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

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        // Under the migrator's named lock: hosts starting together apply the schema once.
        await MySqlMigrator.MigrateAsync(database.DataSource.ConnectionString, cancellationToken, logger);
        _initialized = true;
    }

    public Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return WriteAsync(
            async (connection, attempt, token) =>
            {
                if (!attempt.EarlierMayHaveCommitted)
                {
                    // A new id, the common case, in one round trip: the insert leaves a taken id alone, and the row
                    // read back says whose it is.
                    var create = SqlBatch.BeginTransaction();
                    DurableStatements.CreateInstance(create, instance, Now());
                    create.Sql($"SELECT runtime_status, execution_id FROM durable_instances WHERE instance_id = {create.Param(instance.InstanceId)}; COMMIT;");
                    attempt.SendingCommit();
                    var row = await DurableReads.ReadStatusAsync(create, connection, token);
                    if (row?.ExecutionId == instance.ExecutionId)
                    {
                        return true;
                    }

                    if (row is { } taken && !taken.Status.IsTerminal())
                    {
                        throw Conflict(instance.InstanceId);
                    }

                    // The id belongs to an instance that ended: it is replaced below, under its row lock.
                }

                var check = SqlBatch.BeginTransaction();
                var id = check.Param(instance.InstanceId);
                check.Sql($"SELECT runtime_status, execution_id FROM durable_instances WHERE instance_id = {id} FOR UPDATE;");
                var existing = await DurableReads.ReadStatusAsync(check, connection, token);

                // The execution id is new per start: finding it means an earlier attempt committed.
                if (existing?.ExecutionId == instance.ExecutionId)
                {
                    await DurableReads.RollBackAsync(connection);
                    return true;
                }

                if (existing is { } running && !running.Status.IsTerminal())
                {
                    await DurableReads.RollBackAsync(connection);
                    throw Conflict(instance.InstanceId);
                }

                var write = new SqlBatch();
                if (existing is not null)
                {
                    DurableStatements.DeleteInstances(write, [write.Param(instance.InstanceId)]);
                }

                DurableStatements.CreateInstance(write, instance, Now());
                var created = write.Param(instance.InstanceId);
                write.Sql($"SELECT execution_id FROM durable_instances WHERE instance_id = {created}; COMMIT;");
                attempt.SendingCommit();
                var winner = (string?)await write.ScalarAsync(connection, token);

                // Someone else created the id between our read and our insert: nothing of ours was written.
                return winner == instance.ExecutionId ? true : throw Conflict(instance.InstanceId);
            },
            cancellationToken);
    }

    public async Task<InstanceWorkItem?> ClaimNextInstanceAsync(
        string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken)
    {
        // One round trip: the procedure finds and locks (SELECT ... FOR UPDATE SKIP LOCKED), and writes nothing: the
        // transaction stays open on its connection, holding the locks, until the step commits there. A failed attempt
        // leaves nothing behind, and runs again. The session's idle timeout is the lease's too: should this process hang, or
        // its host vanish without closing the socket, the server drops the connection, and the claim with it, once the
        // lease has passed. Whatever ends the claim restores the server's default: the durable pool resets no session.
        var idleSeconds = (long)Math.Max(1, Math.Ceiling(leaseDuration.TotalSeconds));
        var (item, connection) = await database.RunHoldingAsync(
            async (connection, token) =>
            {
                var now = Now();
                var claim = SqlBatch.BeginTransaction();
                claim.Sql($"SET SESSION wait_timeout = {idleSeconds}; CALL durable_claim_step({now.UtcTicks}, {maxMessages});");
                try
                {
                    var claimed = await ReadClaimAsync(claim, connection, token);
                    if (claimed is null)
                    {
                        await DurableReads.EndClaimAsync(connection);
                    }

                    return claimed;
                }
                catch (Exception) when (connection.State == ConnectionState.Open)
                {
                    await DurableReads.EndClaimAsync(connection);
                    throw;
                }
            },
            hold: claimed => claimed is not null,
            cancellationToken);
        if (item is null || connection is null)
        {
            return null;
        }

        var step = new ClaimedStep(item.InstanceId, owner, item.ExecutionId, item.LastSequence, connection);
        step.ExpireAfter(leaseDuration, timeProvider, expired => _claims.TryRemove(KeyValuePair.Create(expired.InstanceId, expired)));
        _claims[item.InstanceId] = step;
        return item;
    }

    /// <summary>The claimed instance and its visible messages, or null when the procedure found none.</summary>
    private static async Task<InstanceWorkItem?> ReadClaimAsync(SqlBatch claim, MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = claim.Build(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            await DurableReads.DrainAsync(reader, cancellationToken);
            return null;
        }

        var item = new InstanceWorkItem(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            DurableRows.NullableString(reader, 3),
            (WorkflowRuntimeStatus)reader.GetInt32(4),
            reader.GetInt64(5),
            DurableRows.NullableString(reader, 6),
            []);
        var messages = new List<InboxMessage>();
        if (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(DurableRows.Message(reader));
            }
        }

        await DurableReads.DrainAsync(reader, cancellationToken);
        return item with { Messages = messages };
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<HistoryEvent>>(
            async (connection, token) =>
            {
                var read = new SqlBatch();
                read.Sql($"SELECT payload FROM durable_history WHERE instance_id = {read.Param(instanceId)} AND execution_id = {read.Param(executionId)} ORDER BY sequence;");
                await using var command = read.Build(connection);
                await using var reader = await command.ExecuteReaderAsync(token);
                var events = new List<HistoryEvent>();
                while (await reader.ReadAsync(token))
                {
                    events.Add(HistorySerializer.Deserialize(reader.GetString(0)));
                }

                return events;
            },
            cancellationToken);

    public async Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);

        // Only the claim's own transaction, still open, can commit the step: one that expired was rolled back, with
        // its lease, and then the instance may be someone else's.
        if (TakeClaim(commit.InstanceId, commit.LeaseOwner) is not { } claim || claim.TryTake() is not { } connection)
        {
            return false;
        }

        if (claim.ExecutionId != commit.ExecutionId)
        {
            await ClaimedStep.ReleaseAsync(connection);
            return false;
        }

        var stepId = Guid.NewGuid().ToString("N");
        return await CommitOnClaimAsync(connection, commit, claim.LastSequence, stepId, cancellationToken)
            ?? await StepCommittedAsync(commit.InstanceId, stepId, cancellationToken);
    }

    /// <summary>
    /// Writes the step and commits on the claim's connection: one round trip, two when the step starts
    /// sub-orchestrations (it must see whether their ids are taken). Null when the outcome is unknown: the connection
    /// failed under the COMMIT, or the server rolled the transaction back (a deadlock), and the caller looks.
    /// </summary>
    private async Task<bool?> CommitOnClaimAsync(
        MySqlConnection connection, StepCommit commit, long lastSequence, string stepId, CancellationToken cancellationToken)
    {
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
            AppendStep(write, commit, lastSequence, childStatuses, stepId, Now());
            write.Sql($"COMMIT; {DurableReads.RestoreIdleTimeout}");
            await write.ExecuteAsync(connection, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException
            && MySqlFailures.Classify(exception, opening: false) is not MySqlFailure.Other)
        {
            await ClaimedStep.ReleaseAsync(connection);
            return null;
        }
        catch
        {
            await ClaimedStep.ReleaseAsync(connection);
            throw;
        }

        await connection.DisposeAsync();
        return true;
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
        return WriteAsync<IReadOnlyList<ActivityWorkItem>>(
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
        return WriteAsync<IReadOnlyList<bool>>(
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

    public Task<InstanceState?> GetInstanceAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                var read = new SqlBatch();
                var columns = includeInputsOutputs ? DurableRows.InstanceColumnsWithData : DurableRows.InstanceColumns;
                read.Sql($"SELECT {columns} FROM durable_instances WHERE instance_id = {read.Param(instanceId)};");
                await using var command = read.Build(connection);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? DurableRows.Instance(reader, includeInputsOutputs) : null;
            },
            cancellationToken);

    public Task<InstanceStatePage> QueryInstancesAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is null ? (ContinuationToken?)null : ContinuationToken.Parse(query.ContinuationToken);
        return database.RunAsync(
            async (connection, token) =>
            {
                var read = new SqlBatch();
                var where = new List<string>();
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    where.Add($"runtime_status IN ({SqlBatch.List(statuses.Select(s => (long)s))})");
                }

                if (query.CreatedFrom is { } from)
                {
                    where.Add(FormattableString.Invariant($"created_at >= {from.UtcTicks}"));
                }

                if (query.CreatedTo is { } to)
                {
                    where.Add(FormattableString.Invariant($"created_at <= {to.UtcTicks}"));
                }

                if (!string.IsNullOrEmpty(query.NamePrefix))
                {
                    where.Add($"name LIKE {read.Param(LikePrefix(query.NamePrefix))} ESCAPE '!'");
                }

                if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
                {
                    where.Add($"instance_id LIKE {read.Param(LikePrefix(query.InstanceIdPrefix))} ESCAPE '!'");
                }

                if (after is { } last)
                {
                    // Spelled out rather than as a row comparison, which MariaDB does not turn into a range scan.
                    var lastId = read.Param(last.InstanceId);
                    where.Add(FormattableString.Invariant(
                        $"(created_at > {last.CreatedTicks} OR (created_at = {last.CreatedTicks} AND instance_id > {lastId}))"));
                }

                var columns = query.FetchInputsAndOutputs ? DurableRows.InstanceColumnsWithData : DurableRows.InstanceColumns;
                var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
                read.Sql($"SELECT {columns} FROM durable_instances {filter} ORDER BY created_at, instance_id LIMIT {query.PageSize + 1};");
                await using var command = read.Build(connection);
                await using var reader = await command.ExecuteReaderAsync(token);
                var instances = new List<InstanceState>();
                while (await reader.ReadAsync(token))
                {
                    instances.Add(DurableRows.Instance(reader, query.FetchInputsAndOutputs));
                }

                if (instances.Count <= query.PageSize)
                {
                    return new InstanceStatePage(instances, null);
                }

                instances.RemoveAt(instances.Count - 1);
                var end = instances[^1];
                return new InstanceStatePage(instances, new ContinuationToken(end.CreatedAt.UtcTicks, end.InstanceId).ToString());
            },
            cancellationToken);
    }

    public Task<WorkflowRuntimeStatus?> EnqueueMessageAsync(
        string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = HistorySerializer.Serialize(message);
        return WriteAsync<WorkflowRuntimeStatus?>(
            async (connection, attempt, token) =>
            {
                // The share lock keeps the instance from ending between this test and the insert. (One INSERT ...
                // SELECT would wait for that lock while holding the table's AUTO-INC lock, which a step of the same
                // instance needs for its own inserts: a deadlock.)
                var check = SqlBatch.BeginTransaction();
                var id = check.Param(instanceId);
                var body = check.Param(payload);

                // The payload holds the event's time to the tick: found queued, or already stepped into history, it
                // is there because the earlier attempt committed.
                var committedEarlier = attempt.EarlierMayHaveCommitted
                    ? $"EXISTS (SELECT 1 FROM durable_inbox WHERE instance_id = {id} AND payload = {body}) OR EXISTS (SELECT 1 FROM durable_history WHERE instance_id = {id} AND payload = {body})"
                    : "0";
                check.Sql($"SELECT runtime_status, {committedEarlier} FROM durable_instances WHERE instance_id = {id} LOCK IN SHARE MODE;");
                WorkflowRuntimeStatus? status = null;
                var found = false;
                await using (var command = check.Build(connection))
                await using (var reader = await command.ExecuteReaderAsync(token))
                {
                    if (await reader.ReadAsync(token))
                    {
                        status = (WorkflowRuntimeStatus)reader.GetInt32(0);
                        found = reader.GetInt64(1) != 0;
                    }
                }

                if (status is not { } current || current.IsTerminal() || found)
                {
                    await DurableReads.RollBackAsync(connection);
                    return status;
                }

                var write = new SqlBatch();
                DurableStatements.InsertMessages(write, [new OutboundMessage(instanceId, null, message, Now())]);
                write.Sql($"COMMIT;");
                attempt.SendingCommit();
                await write.ExecuteAsync(connection, token);
                return current;
            },
            cancellationToken);
    }

    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        WriteAsync(
            async (connection, attempt, token) =>
            {
                var check = SqlBatch.BeginTransaction();
                check.Sql($"SELECT runtime_status, execution_id FROM durable_instances WHERE instance_id = {check.Param(instanceId)} FOR UPDATE;");
                var existing = await DurableReads.ReadStatusAsync(check, connection, token);
                if (existing is null)
                {
                    await DurableReads.RollBackAsync(connection);
                    return attempt.EarlierMayHaveCommitted ? 1 : 0;
                }

                if (!existing.Value.Status.IsTerminal())
                {
                    await DurableReads.RollBackAsync(connection);
                    throw new ConflictException(
                        $"Workflow instance '{instanceId}' is {existing.Value.Status} and cannot be purged until it ends.");
                }

                var delete = new SqlBatch();
                DurableStatements.DeleteInstances(delete, [delete.Param(instanceId)]);
                delete.Sql($"COMMIT;");
                attempt.SendingCommit();
                await delete.ExecuteAsync(connection, token);
                return 1;
            },
            cancellationToken);

    public async Task<int> PurgeInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const int BatchSize = 500;
        var statuses = SqlBatch.List((filter.Statuses is { Count: > 0 } chosen ? chosen : TerminalStatuses).Select(s => (long)s));
        var total = 0;
        while (true)
        {
            // A transaction per batch keeps each one short, whatever the backlog.
            string[] sent = [];
            var purged = await WriteAsync(
                async (connection, attempt, token) =>
                {
                    if (attempt.EarlierMayHaveCommitted && sent.Length > 0 && !await DurableReads.AnyInstanceAsync(connection, sent, token))
                    {
                        return sent.Length;
                    }

                    var find = SqlBatch.BeginTransaction().Sql($"""
                        SELECT instance_id FROM durable_instances
                        WHERE runtime_status IN ({statuses}) AND completed_at < {filter.CompletedBefore.UtcTicks}
                        LIMIT {BatchSize}
                        FOR UPDATE;
                        """);
                    var ids = new List<string>();
                    await using (var command = find.Build(connection))
                    await using (var reader = await command.ExecuteReaderAsync(token))
                    {
                        while (await reader.ReadAsync(token))
                        {
                            ids.Add(reader.GetString(0));
                        }
                    }

                    if (ids.Count == 0)
                    {
                        await DurableReads.RollBackAsync(connection);
                        return 0;
                    }

                    var delete = new SqlBatch();
                    DurableStatements.DeleteInstances(delete, [.. ids.Select(delete.Param)]);
                    delete.Sql($"COMMIT;");
                    sent = [.. ids];
                    attempt.SendingCommit();
                    await delete.ExecuteAsync(connection, token);
                    return ids.Count;
                },
                cancellationToken);
            total += purged;
            if (purged < BatchSize)
            {
                return total;
            }
        }
    }

    public Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                var read = new SqlBatch().Sql($"SELECT MIN(visible_at) FROM durable_inbox WHERE visible_at > {Now().UtcTicks};");
                await using var command = read.Build(connection);
                return await command.ExecuteScalarAsync(token) is long ticks ? DurableRows.FromTicks(ticks) : (DateTimeOffset?)null;
            },
            cancellationToken);

    /// <summary>The writes of one step, in the order of the SQLite store's.</summary>
    private static void AppendStep(
        SqlBatch write,
        StepCommit commit,
        long lastSequence,
        IReadOnlyDictionary<string, WorkflowRuntimeStatus> childStatuses,
        string stepId,
        DateTimeOffset now)
    {
        var id = write.Param(commit.InstanceId);
        var step = write.Param(stepId);
        if (commit.ConsumedMessageIds.Count > 0)
        {
            write.Sql($"DELETE FROM durable_inbox WHERE id IN ({SqlBatch.List(commit.ConsumedMessageIds)});");
        }

        var messages = commit.Messages;
        if (commit.ContinueAsNew is { } continued)
        {
            write.Sql($"""
                DELETE FROM durable_history WHERE instance_id = {id};
                DELETE FROM durable_activities WHERE instance_id = {id};
                DELETE FROM durable_inbox WHERE instance_id = {id} AND execution_id = {write.Param(commit.ExecutionId)};
                UPDATE durable_instances
                SET execution_id = {write.Param(continued.NewExecutionId)}, input = {write.Param(continued.Start.Input)}, output = NULL,
                    failure_details = NULL, runtime_status = {(int)WorkflowRuntimeStatus.ContinuedAsNew},
                    custom_status = {write.Param(commit.CustomStatus)}, last_updated_at = {now.UtcTicks}, last_sequence = 0,
                    lease_owner = NULL, lease_expires_at = 0, last_step_id = {step}
                WHERE instance_id = {id};
                """);

            // The start message goes first, so events carried over follow it in the inbox.
            messages = [new OutboundMessage(commit.InstanceId, continued.NewExecutionId, continued.Start, now), .. messages];
        }
        else
        {
            var execution = write.Param(commit.ExecutionId);
            DurableStatements.InsertHistory(write, id, execution, lastSequence, commit.NewHistory);
            DurableStatements.InsertActivities(write, id, execution, commit.Activities, now);
            AppendInstanceUpdate(write, commit, id, step, lastSequence + commit.NewHistory.Count, now);
        }

        foreach (var child in commit.SubOrchestrations)
        {
            if (childStatuses.TryGetValue(child.InstanceId, out var status) && status.IsTerminal())
            {
                DurableStatements.DeleteInstances(write, [write.Param(child.InstanceId)]);
            }

            DurableStatements.CreateInstance(write, child, now);
        }

        DurableStatements.InsertMessages(write, [.. messages.Where(m => m.InstanceId == commit.InstanceId)]);
        foreach (var message in messages.Where(m => m.InstanceId != commit.InstanceId))
        {
            DurableStatements.InsertMessageIfTargetExists(write, message);
        }
    }

    private static void AppendInstanceUpdate(
        SqlBatch write, StepCommit commit, string id, string step, long lastSequence, DateTimeOffset now)
    {
        if (commit.Status is not { } status)
        {
            write.Sql($"UPDATE durable_instances SET lease_owner = NULL, lease_expires_at = 0, last_sequence = {lastSequence}, last_step_id = {step} WHERE instance_id = {id};");
            return;
        }

        var completed = status.IsTerminal() ? now.UtcTicks.ToString(CultureInfo.InvariantCulture) : "NULL";
        write.Sql($"""
            UPDATE durable_instances
            SET runtime_status = {(int)status}, output = {write.Param(commit.Output)}, custom_status = {write.Param(commit.CustomStatus)},
                failure_details = {write.Param(HistorySerializer.SerializeFailure(commit.FailureDetails))},
                last_updated_at = {now.UtcTicks}, completed_at = {completed}, last_sequence = {lastSequence},
                lease_owner = NULL, lease_expires_at = 0, last_step_id = {step}
            WHERE instance_id = {id};
            """);
        if (status.IsTerminal())
        {
            // Nothing of an ended execution runs any more (a restart replaces the rows anyway).
            write.Sql($"DELETE FROM durable_activities WHERE instance_id = {id}; DELETE FROM durable_inbox WHERE instance_id = {id};");
        }
    }

    /// <summary>
    /// Runs a write transaction through <see cref="MySqlDatabase.RunAsync{T}"/>. A statement that fails skips the rest
    /// of its command, COMMIT included: the transaction is rolled back here rather than left open on a pooled connection.
    /// </summary>
    private Task<T> WriteAsync<T>(
        Func<MySqlConnection, WriteAttempt, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempt = new WriteAttempt();
        return database.RunAsync(
            async (connection, token) =>
            {
                attempt.Begin();
                try
                {
                    return await work(connection, attempt, token);
                }
                catch (Exception) when (connection.State == ConnectionState.Open)
                {
                    await DurableReads.RollBackAsync(connection);
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>Forgets the claim <paramref name="owner"/> made of the instance, and returns it; another owner's stays.</summary>
    private ClaimedStep? TakeClaim(string instanceId, string owner) =>
        _claims.TryGetValue(instanceId, out var claim) && claim.Owner == owner && _claims.TryRemove(KeyValuePair.Create(instanceId, claim))
            ? claim
            : null;

    /// <summary>A LIKE pattern matching values that start with <paramref name="prefix"/>, with '!' as the escape character.</summary>
    private static string LikePrefix(string prefix) =>
        prefix.Replace("!", "!!", StringComparison.Ordinal)
            .Replace("%", "!%", StringComparison.Ordinal)
            .Replace("_", "!_", StringComparison.Ordinal) + "%";

    private static ConflictException Conflict(string instanceId) =>
        new($"Workflow instance '{instanceId}' already exists and has not ended.");

    private DateTimeOffset Now() => timeProvider.GetUtcNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "The commit of a step of {InstanceId} went unanswered; it had been committed.")]
    private static partial void LogUnansweredCommitFound(ILogger logger, string instanceId);
}
