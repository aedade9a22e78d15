using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// <see cref="IOrchestrationClientStore"/> on MySQL (RDS) or MariaDB: every write is one short READ COMMITTED
/// transaction, run as <see cref="MySqlOrchestrationWorkerStore"/>'s are (see there for retries): after an unanswered
/// COMMIT a new instance is found by its execution id, a message by its payload in the inbox or history, a purge by its
/// instances being gone.
/// </summary>
public sealed class MySqlOrchestrationClientStore(MySqlDatabase database, TimeProvider timeProvider) : IOrchestrationClientStore
{
    private static readonly WorkflowRuntimeStatus[] TerminalStatuses =
        [WorkflowRuntimeStatus.Completed, WorkflowRuntimeStatus.Failed, WorkflowRuntimeStatus.Terminated];

    public Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return WriteAttempt.RunAsync(
            database,
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

    public Task<InstanceWithHistory?> GetInstanceWithHistoryAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                // One round trip, one snapshot: REPEATABLE READ's consistent snapshot is shared by both reads, which
                // READ COMMITTED (each statement its own) would not give.
                var read = new SqlBatch();
                var id = read.Param(instanceId);
                var columns = includeInputsOutputs ? DurableRows.InstanceColumnsWithData : DurableRows.InstanceColumns;
                read.Sql($"""
                    SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY;
                    SELECT {columns} FROM durable_instances WHERE instance_id = {id};
                    SELECT h.payload FROM durable_history h JOIN durable_instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id
                    WHERE h.instance_id = {id} ORDER BY h.sequence;
                    COMMIT;
                    """);
                try
                {
                    await using var command = read.Build(connection);
                    await using var reader = await command.ExecuteReaderAsync(token);
                    var state = await reader.ReadAsync(token) ? DurableRows.Instance(reader, includeInputsOutputs) : null;
                    await reader.NextResultAsync(token);
                    var events = new List<HistoryEvent>();
                    while (await reader.ReadAsync(token))
                    {
                        events.Add(HistorySerializer.Deserialize(reader.GetString(0)));
                    }

                    return state is null ? null : new InstanceWithHistory(state, events);
                }
                catch
                {
                    // Not left open on the pooled connection for its next user to join.
                    await DurableReads.RollBackAsync(connection);
                    throw;
                }
            },
            cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken) =>
        DurableReads.HistoryAsync(database, instanceId, executionId, cancellationToken);

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

                return InstanceStatePage.FromRows(instances, query.PageSize);
            },
            cancellationToken);
    }

    public Task<WorkflowRuntimeStatus?> EnqueueMessageAsync(
        string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = HistorySerializer.Serialize(message);
        return WriteAttempt.RunAsync<WorkflowRuntimeStatus?>(
            database,
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
        WriteAttempt.RunAsync(
            database,
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
            var purged = await WriteAttempt.RunAsync(
                database,
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

    /// <summary>A LIKE pattern matching values that start with <paramref name="prefix"/>, with '!' as the escape character.</summary>
    private static string LikePrefix(string prefix) =>
        prefix.Replace("!", "!!", StringComparison.Ordinal)
            .Replace("%", "!%", StringComparison.Ordinal)
            .Replace("_", "!_", StringComparison.Ordinal) + "%";

    private static ConflictException Conflict(string instanceId) =>
        new($"Workflow instance '{instanceId}' already exists and has not ended.");

    private DateTimeOffset Now() => timeProvider.GetUtcNow();
}
