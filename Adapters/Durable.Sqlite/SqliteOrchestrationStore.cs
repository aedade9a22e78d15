using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// <see cref="IOrchestrationStore"/> on a SQLite file (WAL mode). Every write is one
/// <c>BEGIN IMMEDIATE</c> transaction on the process's writer connection; leases still guard claims
/// because two processes may share the file.
/// </summary>
public sealed class SqliteOrchestrationStore : IOrchestrationStore, IDisposable
{
    private const string InstanceColumns =
        "instance_id, execution_id, name, version, runtime_status, created_at, last_updated_at, completed_at, " +
        "parent_instance_id, failure_details, custom_status";

    private const string InstanceColumnsWithData = InstanceColumns + ", input, output";

    private static readonly int[] TerminalStatuses =
        [(int)WorkflowRuntimeStatus.Completed, (int)WorkflowRuntimeStatus.Failed, (int)WorkflowRuntimeStatus.Terminated];

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteOrchestrationStore(string connectionString, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _database = new SqliteDatabase(connectionString);
        _time = timeProvider;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public Task CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                if (!TryCreateInstance(connection, transaction, instance, Now()))
                {
                    throw new ConflictException($"Workflow instance '{instance.InstanceId}' already exists and has not ended.");
                }

                return true;
            },
            cancellationToken);
    }

    public Task<InstanceWorkItem?> ClaimNextInstanceAsync(
        string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                var now = Now();
                InstanceWorkItem? item;
                using (var claim = connection.Command(transaction, """
                    UPDATE durable_instances SET lease_owner = $owner, lease_expires_at = $expires
                    WHERE instance_id = (
                        SELECT m.instance_id FROM durable_inbox m
                        JOIN durable_instances i ON i.instance_id = m.instance_id
                        WHERE m.visible_at <= $now AND i.lease_expires_at <= $now
                          AND (i.runtime_status NOT IN ($pending, $suspended)
                               OR (i.runtime_status = $pending AND m.event_type IN ($started, $terminated))
                               OR (i.runtime_status = $suspended AND m.event_type IN ($resumed, $terminated)))
                        ORDER BY m.visible_at, m.id
                        LIMIT 1)
                    RETURNING instance_id, execution_id, name, version, runtime_status, last_sequence, custom_status;
                    """))
                {
                    claim.With("$owner", owner).With("$expires", Ticks(now + leaseDuration)).With("$now", Ticks(now))
                        .With("$pending", (int)WorkflowRuntimeStatus.Pending)
                        .With("$suspended", (int)WorkflowRuntimeStatus.Suspended)
                        .With("$started", (int)HistoryEventType.ExecutionStarted)
                        .With("$terminated", (int)HistoryEventType.ExecutionTerminated)
                        .With("$resumed", (int)HistoryEventType.ExecutionResumed);
                    using var reader = claim.ExecuteReader();
                    if (!reader.Read())
                    {
                        return null;
                    }

                    item = new InstanceWorkItem(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetNullableString(3),
                        (WorkflowRuntimeStatus)reader.GetInt32(4),
                        reader.GetInt64(5),
                        reader.GetNullableString(6),
                        []);
                }

                var messages = new List<InboxMessage>();
                using (var inbox = connection.Command(transaction, """
                    SELECT id, execution_id, payload FROM durable_inbox
                    WHERE instance_id = $id AND visible_at <= $now
                    ORDER BY id LIMIT $max;
                    """))
                {
                    inbox.With("$id", item.InstanceId).With("$now", Ticks(now)).With("$max", maxMessages);
                    using var reader = inbox.ExecuteReader();
                    while (reader.Read())
                    {
                        messages.Add(new InboxMessage(
                            reader.GetInt64(0), reader.GetNullableString(1), HistorySerializer.Deserialize(reader.GetString(2))));
                    }
                }

                return item with { Messages = messages };
            },
            cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<HistoryEvent>>(
            connection =>
            {
                using var command = connection.Command(null, """
                    SELECT payload FROM durable_history
                    WHERE instance_id = $id AND execution_id = $execution
                    ORDER BY sequence;
                    """).With("$id", instanceId).With("$execution", executionId);
                using var reader = command.ExecuteReader();
                var events = new List<HistoryEvent>();
                while (reader.Read())
                {
                    events.Add(HistorySerializer.Deserialize(reader.GetString(0)));
                }

                return events;
            },
            cancellationToken);

    public Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return _database.WriteAsync((connection, transaction) => Commit(connection, transaction, commit), cancellationToken);
    }

    public Task AbandonInstanceAsync(string instanceId, string owner, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, """
                    UPDATE durable_instances SET lease_owner = NULL, lease_expires_at = 0
                    WHERE instance_id = $id AND lease_owner = $owner;
                    """).With("$id", instanceId).With("$owner", owner);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<IReadOnlyList<ActivityWorkItem>> ClaimActivitiesAsync(
        string owner, int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<ActivityWorkItem>>(
            (connection, transaction) =>
            {
                var now = Now();
                using var command = connection.Command(transaction, """
                    UPDATE durable_activities SET lease_owner = $owner, lease_expires_at = $expires
                    WHERE id IN (
                        SELECT id FROM durable_activities
                        WHERE lease_expires_at <= $now AND visible_at <= $now
                        ORDER BY lease_expires_at, id
                        LIMIT $max)
                    RETURNING id, instance_id, execution_id, task_id, name, version, input, attempt;
                    """).With("$owner", owner).With("$expires", Ticks(now + leaseDuration))
                    .With("$now", Ticks(now)).With("$max", maxCount);
                using var reader = command.ExecuteReader();
                var claimed = new List<ActivityWorkItem>();
                while (reader.Read())
                {
                    claimed.Add(new ActivityWorkItem(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetInt32(3),
                        reader.GetString(4),
                        reader.GetNullableString(5),
                        reader.GetNullableString(6),
                        reader.GetInt32(7)));
                }

                return claimed;
            },
            cancellationToken);

    public Task<int> RenewActivityLeasesAsync(
        string owner, IReadOnlyCollection<long> activityIds, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activityIds);
        if (activityIds.Count == 0)
        {
            return Task.FromResult(0);
        }

        return _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, string.Empty)
                    .With("$owner", owner).With("$expires", Ticks(Now() + leaseDuration));
                command.CommandText =
                    $"UPDATE durable_activities SET lease_expires_at = $expires WHERE lease_owner = $owner AND id IN ({InList(command, "$a", activityIds)});";
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<bool>> CompleteActivitiesAsync(
        string owner, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return _database.WriteAsync<IReadOnlyList<bool>>(
            (connection, transaction) =>
            {
                var now = Now();
                var stored = new bool[results.Count];
                var messages = new List<OutboundMessage>(results.Count);
                using var delete = connection.Command(
                    transaction, "DELETE FROM durable_activities WHERE id = $id AND lease_owner = $owner;");
                var id = delete.Parameters.Add("$id", SqliteType.Integer);
                delete.With("$owner", owner);
                for (var i = 0; i < results.Count; i++)
                {
                    id.Value = results[i].Activity.Id;
                    stored[i] = delete.ExecuteNonQuery() > 0;
                    if (stored[i])
                    {
                        var activity = results[i].Activity;
                        messages.Add(new OutboundMessage(activity.InstanceId, activity.ExecutionId, results[i].Result, now));
                    }
                }

                InsertMessages(connection, transaction, messages);
                return stored;
            },
            cancellationToken);
    }

    public Task AbandonActivityAsync(long activityId, string owner, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, """
                    UPDATE durable_activities SET lease_owner = NULL, lease_expires_at = 0
                    WHERE id = $id AND lease_owner = $owner;
                    """).With("$id", activityId).With("$owner", owner);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public Task<InstanceState?> GetInstanceAsync(
        string instanceId, bool includeInputsOutputs, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            connection =>
            {
                var columns = includeInputsOutputs ? InstanceColumnsWithData : InstanceColumns;
                using var command = connection.Command(
                    null, $"SELECT {columns} FROM durable_instances WHERE instance_id = $id;").With("$id", instanceId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadInstance(reader, includeInputsOutputs) : null;
            },
            cancellationToken);

    public Task<InstanceStatePage> QueryInstancesAsync(WorkflowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is null ? default : ParseToken(query.ContinuationToken);
        return _database.ReadAsync(
            connection =>
            {
                using var command = connection.Command(null, string.Empty);
                var where = new List<string>();
                if (query.Statuses is { Count: > 0 } statuses)
                {
                    where.Add($"runtime_status IN ({InList(command, "$s", statuses.Select(s => (long)s).ToArray())})");
                }

                if (query.CreatedFrom is { } from)
                {
                    where.Add("created_at >= $from");
                    command.With("$from", Ticks(from));
                }

                if (query.CreatedTo is { } to)
                {
                    where.Add("created_at <= $to");
                    command.With("$to", Ticks(to));
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

                if (after.InstanceId is not null)
                {
                    where.Add("(created_at > $afterCreated OR (created_at = $afterCreated AND instance_id > $afterId))");
                    command.With("$afterCreated", after.CreatedTicks).With("$afterId", after.InstanceId);
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

                if (instances.Count <= query.PageSize)
                {
                    return new InstanceStatePage(instances, null);
                }

                instances.RemoveAt(instances.Count - 1);
                return new InstanceStatePage(instances, MakeToken(instances[^1]));
            },
            cancellationToken);
    }

    public Task<WorkflowRuntimeStatus?> EnqueueMessageAsync(
        string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                var status = ReadStatus(connection, transaction, instanceId);
                if (status is { } current && !current.IsTerminal())
                {
                    InsertMessages(connection, transaction, [new OutboundMessage(instanceId, null, message, Now())]);
                }

                return status;
            },
            cancellationToken);
    }

    public Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                var status = ReadStatus(connection, transaction, instanceId);
                if (status is null)
                {
                    return 0;
                }

                if (!status.Value.IsTerminal())
                {
                    throw new ConflictException(
                        $"Workflow instance '{instanceId}' is {status} and cannot be purged until it ends.");
                }

                DeleteInstance(connection, transaction, instanceId);
                return 1;
            },
            cancellationToken);

    public Task<int> PurgeInstancesAsync(WorkflowPurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses is { Count: > 0 } chosen ? chosen.Select(s => (long)s) : TerminalStatuses.Select(s => (long)s))
            .ToArray();
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, string.Empty).With("$before", Ticks(filter.CompletedBefore));
                var matching =
                    $"SELECT instance_id FROM durable_instances WHERE runtime_status IN ({InList(command, "$s", statuses)}) AND completed_at < $before";
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

    public Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            connection =>
            {
                using var command = connection.Command(null, "SELECT MIN(visible_at) FROM durable_inbox WHERE visible_at > $now;")
                    .With("$now", Ticks(Now()));
                return command.ExecuteScalar() is long ticks ? FromTicks(ticks) : (DateTimeOffset?)null;
            },
            cancellationToken);

    public void Dispose() => _database.Dispose();

    private bool Commit(SqliteConnection connection, SqliteTransaction transaction, StepCommit commit)
    {
        var now = Now();
        long lastSequence;
        using (var check = connection.Command(transaction, """
            SELECT last_sequence FROM durable_instances
            WHERE instance_id = $id AND execution_id = $execution AND lease_owner = $owner;
            """).With("$id", commit.InstanceId).With("$execution", commit.ExecutionId).With("$owner", commit.LeaseOwner))
        {
            if (check.ExecuteScalar() is not long sequence)
            {
                return false;
            }

            lastSequence = sequence;
        }

        DeleteInbox(connection, transaction, commit.ConsumedMessageIds);
        if (commit.ContinueAsNew is { } continued)
        {
            using var reset = connection.Command(transaction, """
                DELETE FROM durable_history WHERE instance_id = $id;
                DELETE FROM durable_activities WHERE instance_id = $id;
                DELETE FROM durable_inbox WHERE instance_id = $id AND execution_id = $oldExecution;
                UPDATE durable_instances
                SET execution_id = $execution, input = $input, output = NULL, failure_details = NULL,
                    runtime_status = $status, custom_status = $custom, last_updated_at = $now, last_sequence = 0,
                    lease_owner = NULL, lease_expires_at = 0
                WHERE instance_id = $id;
                """).With("$id", commit.InstanceId).With("$execution", continued.NewExecutionId)
                .With("$oldExecution", commit.ExecutionId)
                .With("$input", continued.Start.Input).With("$status", (int)WorkflowRuntimeStatus.ContinuedAsNew)
                .With("$custom", commit.CustomStatus).With("$now", Ticks(now));
            reset.ExecuteNonQuery();

            // The start message goes first, so events carried over follow it in the inbox.
            InsertMessages(
                connection, transaction, [new OutboundMessage(commit.InstanceId, continued.NewExecutionId, continued.Start, now)]);
        }
        else
        {
            InsertHistory(connection, transaction, commit.InstanceId, commit.ExecutionId, lastSequence, commit.NewHistory);
            InsertActivities(connection, transaction, commit, now);
            UpdateInstance(connection, transaction, commit, lastSequence + commit.NewHistory.Count, now);
        }

        foreach (var child in commit.SubOrchestrations)
        {
            if (!TryCreateInstance(connection, transaction, child, now) && child.OnConflict is { } conflict)
            {
                InsertMessages(connection, transaction, [conflict]);
            }
        }

        InsertMessages(connection, transaction, commit.Messages);
        return true;
    }

    private static void UpdateInstance(
        SqliteConnection connection, SqliteTransaction transaction, StepCommit commit, long lastSequence, DateTimeOffset now)
    {
        if (commit.Status is not { } status)
        {
            using var release = connection.Command(transaction, """
                UPDATE durable_instances SET lease_owner = NULL, lease_expires_at = 0, last_sequence = $sequence
                WHERE instance_id = $id;
                """).With("$id", commit.InstanceId).With("$sequence", lastSequence);
            release.ExecuteNonQuery();
            return;
        }

        using var update = connection.Command(transaction, """
            UPDATE durable_instances
            SET runtime_status = $status, output = $output, custom_status = $custom, failure_details = $failure,
                last_updated_at = $now, completed_at = $completed, last_sequence = $sequence,
                lease_owner = NULL, lease_expires_at = 0
            WHERE instance_id = $id;
            """).With("$id", commit.InstanceId).With("$status", (int)status).With("$output", commit.Output)
            .With("$custom", commit.CustomStatus).With("$failure", HistorySerializer.SerializeFailure(commit.FailureDetails))
            .With("$now", Ticks(now)).With("$completed", status.IsTerminal() ? Ticks(now) : null)
            .With("$sequence", lastSequence);
        update.ExecuteNonQuery();

        if (status.IsTerminal())
        {
            // Nothing of an ended execution runs any more (a restart replaces the rows anyway).
            using var cleanup = connection.Command(transaction, """
                DELETE FROM durable_activities WHERE instance_id = $id;
                DELETE FROM durable_inbox WHERE instance_id = $id;
                """).With("$id", commit.InstanceId);
            cleanup.ExecuteNonQuery();
        }
    }

    /// <summary>Creates the instance, or restarts it when it has ended; false when it is still running.</summary>
    private static bool TryCreateInstance(
        SqliteConnection connection, SqliteTransaction transaction, NewInstance instance, DateTimeOffset now)
    {
        var status = ReadStatus(connection, transaction, instance.InstanceId);
        if (status is { } existing)
        {
            if (!existing.IsTerminal())
            {
                return false;
            }

            DeleteInstance(connection, transaction, instance.InstanceId);
        }

        using (var insert = connection.Command(transaction, """
            INSERT INTO durable_instances
                (instance_id, execution_id, name, version, runtime_status, input, parent_instance_id,
                 created_at, last_updated_at, last_sequence, lease_expires_at)
            VALUES ($id, $execution, $name, $version, $status, $input, $parent, $now, $now, 0, 0);
            """))
        {
            insert.With("$id", instance.InstanceId).With("$execution", instance.ExecutionId)
                .With("$name", instance.Start.Name).With("$version", instance.Start.Version)
                .With("$status", (int)WorkflowRuntimeStatus.Pending).With("$input", instance.Start.Input)
                .With("$parent", instance.Start.Parent?.InstanceId).With("$now", Ticks(now));
            insert.ExecuteNonQuery();
        }

        InsertMessages(
            connection,
            transaction,
            [new OutboundMessage(instance.InstanceId, instance.ExecutionId, instance.Start, instance.StartAt)]);
        return true;
    }

    private static void InsertHistory(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string instanceId,
        string executionId,
        long lastSequence,
        IReadOnlyList<HistoryEvent> events)
    {
        connection.ExecuteMultiRow(
            transaction,
            "INSERT INTO durable_history (instance_id, execution_id, sequence, event_type, task_id, timestamp, payload) VALUES",
            events,
            (command, historyEvent, index) =>
            {
                command.With($"$i{index}", instanceId).With($"$e{index}", executionId)
                    .With($"$q{index}", lastSequence + index + 1).With($"$t{index}", (int)historyEvent.EventType)
                    .With($"$k{index}", historyEvent.TaskId).With($"$ts{index}", historyEvent.Timestamp.Ticks)
                    .With($"$p{index}", HistorySerializer.Serialize(historyEvent));
                return $"($i{index}, $e{index}, $q{index}, $t{index}, $k{index}, $ts{index}, $p{index})";
            });
    }

    private static void InsertActivities(
        SqliteConnection connection, SqliteTransaction transaction, StepCommit commit, DateTimeOffset now)
    {
        connection.ExecuteMultiRow(
            transaction,
            "INSERT INTO durable_activities (instance_id, execution_id, task_id, name, version, input, attempt, visible_at, lease_expires_at) VALUES",
            commit.Activities,
            (command, activity, index) =>
            {
                command.With($"$i{index}", commit.InstanceId).With($"$e{index}", commit.ExecutionId)
                    .With($"$k{index}", activity.TaskId).With($"$n{index}", activity.Name)
                    .With($"$v{index}", activity.Version).With($"$in{index}", activity.Input)
                    .With($"$a{index}", activity.Attempt).With($"$w{index}", Ticks(now));
                return $"($i{index}, $e{index}, $k{index}, $n{index}, $v{index}, $in{index}, $a{index}, $w{index}, 0)";
            });
    }

    /// <summary>Inserts inbox rows; a row for an instance that does not exist is dropped.</summary>
    private static void InsertMessages(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboundMessage> messages)
    {
        connection.ExecuteMultiRow(
            transaction,
            "INSERT INTO durable_inbox (instance_id, execution_id, event_type, visible_at, payload) SELECT v.* FROM (VALUES",
            messages,
            (command, message, index) =>
            {
                command.With($"$i{index}", message.InstanceId).With($"$e{index}", message.ExecutionId)
                    .With($"$t{index}", (int)message.Event.EventType).With($"$v{index}", Ticks(message.VisibleAt))
                    .With($"$p{index}", HistorySerializer.Serialize(message.Event));
                return $"($i{index}, $e{index}, $t{index}, $v{index}, $p{index})";
            },
            ") v WHERE EXISTS (SELECT 1 FROM durable_instances i WHERE i.instance_id = v.column1)");
    }

    private static void DeleteInbox(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> ids)
    {
        for (var start = 0; start < ids.Count; start += 500)
        {
            var chunk = ids.Skip(start).Take(500).ToArray();
            using var command = connection.Command(transaction, string.Empty);
            command.CommandText = $"DELETE FROM durable_inbox WHERE id IN ({InList(command, "$m", chunk)});";
            command.ExecuteNonQuery();
        }
    }

    private static void DeleteInstance(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        using var command = connection.Command(transaction, """
            DELETE FROM durable_history WHERE instance_id = $id;
            DELETE FROM durable_inbox WHERE instance_id = $id;
            DELETE FROM durable_activities WHERE instance_id = $id;
            DELETE FROM durable_instances WHERE instance_id = $id;
            """).With("$id", instanceId);
        command.ExecuteNonQuery();
    }

    private static WorkflowRuntimeStatus? ReadStatus(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        using var command = connection.Command(
            transaction, "SELECT runtime_status FROM durable_instances WHERE instance_id = $id;").With("$id", instanceId);
        return command.ExecuteScalar() is long status ? (WorkflowRuntimeStatus)status : null;
    }

    private static InstanceState ReadInstance(SqliteDataReader reader, bool withData) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetNullableString(3),
            (WorkflowRuntimeStatus)reader.GetInt32(4),
            FromTicks(reader.GetInt64(5)),
            FromTicks(reader.GetInt64(6)),
            reader.GetNullableInt64(7) is { } completed ? FromTicks(completed) : null,
            reader.GetNullableString(8),
            withData ? reader.GetNullableString(11) : null,
            withData ? reader.GetNullableString(12) : null,
            reader.GetNullableString(10),
            HistorySerializer.DeserializeFailure(reader.GetNullableString(9)));

    private static string InList(SqliteCommand command, string prefix, IReadOnlyCollection<long> values)
    {
        var names = new List<string>(values.Count);
        foreach (var value in values)
        {
            var name = $"{prefix}{names.Count}";
            command.With(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    private static string MakeToken(InstanceState last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Ticks(last.CreatedAt)}|{last.InstanceId}")));

    private static (long CreatedTicks, string? InstanceId) ParseToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
            {
                return (ticks, text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationException("continuationToken", "The continuation token is not valid.");
    }

    private static long Ticks(DateTimeOffset time) => time.UtcTicks;

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private DateTimeOffset Now() => _time.GetUtcNow();
}
