using System.Globalization;
using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// <see cref="IOrchestrationClientStore"/> on a SQLite file: its writes queue on the same writer connection as
/// <see cref="SqliteOrchestrationWorkerStore"/>'s, each one <c>BEGIN IMMEDIATE</c> transaction; its reads use pooled
/// connections.
/// </summary>
internal sealed class SqliteOrchestrationClientStore(SqliteDatabase database, TimeProvider timeProvider) : IOrchestrationClientStore
{
    private const string InstanceColumns =
        "instance_id, execution_id, name, version, runtime_status, created_at, last_updated_at, completed_at, " +
        "parent_instance_id, failure_details, custom_status";

    private const string InstanceColumnsWithData = InstanceColumns + ", input, output";

    private static readonly int[] TerminalStatuses =
        [(int)WorkflowRuntimeStatus.Completed, (int)WorkflowRuntimeStatus.Failed, (int)WorkflowRuntimeStatus.Terminated];

    public Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return database.WriteAsync(
            (connection, transaction) =>
            {
                if (!DurableStatements.TryCreateInstance(connection, transaction, instance, Now()))
                {
                    throw new ConflictException($"Workflow instance '{instance.InstanceId}' already exists and has not ended.");
                }

                return true;
            },
            cancellationToken);
    }

    public Task<InstanceState?> GetInstanceAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection =>
            {
                var columns = includeInputsOutputs ? InstanceColumnsWithData : InstanceColumns;
                using var command = connection.Command(
                    null, $"SELECT {columns} FROM durable_instances WHERE instance_id = $id;").With("$id", instanceId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadInstance(reader, includeInputsOutputs) : null;
            },
            cancellationToken);

    public Task<InstanceWithHistory?> GetInstanceWithHistoryAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection =>
            {
                // One read transaction: both reads see the database as of its first (WAL snapshot).
                using var transaction = connection.BeginTransaction(deferred: true);
                var columns = includeInputsOutputs ? InstanceColumnsWithData : InstanceColumns;
                InstanceState? state;
                using (var command = connection.Command(
                    transaction, $"SELECT {columns} FROM durable_instances WHERE instance_id = $id;").With("$id", instanceId))
                using (var reader = command.ExecuteReader())
                {
                    state = reader.Read() ? ReadInstance(reader, includeInputsOutputs) : null;
                }

                var history = state is null ? [] : DurableStatements.ReadHistory(connection, instanceId, state.ExecutionId, transaction);
                transaction.Commit();
                return state is null ? null : new InstanceWithHistory(state, history);
            },
            cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => DurableStatements.ReadHistory(connection, instanceId, executionId), cancellationToken);

    public Task<InstanceStatePage> QueryInstancesAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is null ? (ContinuationToken?)null : ContinuationToken.Parse(query.ContinuationToken);
        return database.ReadAsync(
            connection =>
            {
                using var command = connection.Command(null, string.Empty);
                var where = new List<string>();
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    where.Add($"runtime_status IN ({DurableStatements.InList(command, "$s", statuses.Select(s => (long)s).ToArray())})");
                }

                if (query.CreatedFrom is { } from)
                {
                    where.Add("created_at >= $from");
                    command.With("$from", DurableStatements.Ticks(from));
                }

                if (query.CreatedTo is { } to)
                {
                    where.Add("created_at <= $to");
                    command.With("$to", DurableStatements.Ticks(to));
                }

                if (!string.IsNullOrEmpty(query.NamePrefix))
                {
                    where.Add(@"name LIKE $name ESCAPE '\'");
                    command.With("$name", EscapeLike(query.NamePrefix) + "%");
                }

                if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
                {
                    where.Add("substr(instance_id, 1, $idLength) = $idPrefix");
                    command.With("$idLength", query.InstanceIdPrefix.Length).With("$idPrefix", query.InstanceIdPrefix);
                }

                if (after is { } last)
                {
                    where.Add("(created_at > $afterCreated OR (created_at = $afterCreated AND instance_id > $afterId))");
                    command.With("$afterCreated", last.CreatedTicks).With("$afterId", last.InstanceId);
                }

                var columns = query.FetchInputsAndOutputs ? InstanceColumnsWithData : InstanceColumns;
                var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
                command.CommandText =
                    $"SELECT {columns} FROM durable_instances {filter} ORDER BY created_at, instance_id LIMIT $limit;";
                command.With("$limit", query.PageSize + 1);
                using var reader = command.ExecuteReader();
                var instances = new List<InstanceState>();
                while (reader.Read())
                {
                    instances.Add(ReadInstance(reader, query.FetchInputsAndOutputs));
                }

                return InstanceStatePage.FromRows(instances, query.PageSize);
            },
            cancellationToken);
    }

    public Task<WorkflowRuntimeStatus?> EnqueueMessageAsync(
        string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync(
            (connection, transaction) =>
            {
                var status = DurableStatements.ReadStatus(connection, transaction, instanceId);
                if (status is { } current && !current.IsTerminal())
                {
                    DurableStatements.InsertMessages(connection, transaction, [new OutboundMessage(instanceId, null, message, Now())]);
                }

                return status;
            },
            cancellationToken);
    }

    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var status = DurableStatements.ReadStatus(connection, transaction, instanceId);
                if (status is null)
                {
                    return 0;
                }

                if (!status.Value.IsTerminal())
                {
                    throw new ConflictException(
                        $"Workflow instance '{instanceId}' is {status} and cannot be purged until it ends.");
                }

                DurableStatements.DeleteInstance(connection, transaction, instanceId);
                return 1;
            },
            cancellationToken);

    public Task<int> PurgeInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses is { Count: > 0 } chosen ? chosen.Select(s => (long)s) : TerminalStatuses.Select(s => (long)s))
            .ToArray();
        return database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, string.Empty).With("$before", DurableStatements.Ticks(filter.CompletedBefore));
                var matching =
                    $"SELECT instance_id FROM durable_instances WHERE runtime_status IN ({DurableStatements.InList(command, "$s", statuses)}) AND completed_at < $before";
                command.CommandText = $"""
                    DELETE FROM durable_history WHERE instance_id IN ({matching});
                    DELETE FROM durable_inbox WHERE instance_id IN ({matching});
                    DELETE FROM durable_activities WHERE instance_id IN ({matching});
                    DELETE FROM durable_instances WHERE instance_id IN ({matching});
                    SELECT changes();
                    """;
                return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    private static InstanceState ReadInstance(SqliteDataReader reader, bool withData) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetNullableString(3),
            (WorkflowRuntimeStatus)reader.GetInt32(4),
            DurableStatements.FromTicks(reader.GetInt64(5)),
            DurableStatements.FromTicks(reader.GetInt64(6)),
            reader.GetNullableInt64(7) is { } completed ? DurableStatements.FromTicks(completed) : null,
            reader.GetNullableString(8),
            withData ? reader.GetNullableString(11) : null,
            withData ? reader.GetNullableString(12) : null,
            reader.GetNullableString(10),
            HistorySerializer.DeserializeFailure(reader.GetNullableString(9)));

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    private DateTimeOffset Now() => timeProvider.GetUtcNow();
}
