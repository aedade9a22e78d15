using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// <see cref="IOrchestrationWorkerStore"/> on a SQLite file (WAL mode). Every write is one <c>BEGIN IMMEDIATE</c>
/// transaction on the process's writer connection, which it shares with <see cref="SqliteOrchestrationClientStore"/>
/// through one <see cref="SqliteDatabase"/>; leases still guard claims because two processes may share the file.
/// </summary>
internal sealed partial class SqliteOrchestrationWorkerStore(SqliteDatabase database, TimeProvider timeProvider) : IOrchestrationWorkerStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

    /// <summary>The instances a claim may take: a message visible, no live lease, and able to act on that message.</summary>
    private const string Claimable = """
        FROM durable_inbox m
        JOIN durable_instances i ON i.instance_id = m.instance_id
        WHERE m.visible_at <= $now AND i.lease_expires_at <= $now
          AND (i.runtime_status NOT IN ($pending, $suspended)
               OR (i.runtime_status = $pending AND m.event_type IN ($started, $terminated))
               OR (i.runtime_status = $suspended AND m.event_type IN ($resumed, $terminated)))
        """;

    public Task<InstanceClaim> ClaimInstanceAsync(
        string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var now = Now();
                InstanceWorkItem item;
                using (var claim = connection.Command(transaction, $"""
                    UPDATE durable_instances SET lease_owner = $owner, lease_expires_at = $expires
                    WHERE instance_id = (SELECT m.instance_id {Claimable} ORDER BY m.visible_at, m.id LIMIT 1)
                    RETURNING instance_id, execution_id, name, version, runtime_status, last_sequence, custom_status;
                    """))
                {
                    WithClaimable(claim, now).With("$owner", owner).With("$expires", DurableStatements.Ticks(now + leaseDuration));
                    using var reader = claim.ExecuteReader();
                    if (!reader.Read())
                    {
                        return InstanceClaim.Nothing(NextDue(connection, transaction, now), ActivitiesReady(connection, transaction, now));
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
                    ORDER BY visible_at, id LIMIT $max;
                    """))
                {
                    inbox.With("$id", item.InstanceId).With("$now", DurableStatements.Ticks(now)).With("$max", maxMessages);
                    using var reader = inbox.ExecuteReader();
                    while (reader.Read())
                    {
                        messages.Add(new InboxMessage(
                            reader.GetInt64(0), reader.GetNullableString(1), HistorySerializer.Deserialize(reader.GetString(2))));
                    }
                }

                // The instance just claimed is leased now, so it is not among them.
                using var more = connection.Command(transaction, $"SELECT EXISTS (SELECT 1 {Claimable});");
                var moreReady = Convert.ToInt64(WithClaimable(more, now).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
                return new InstanceClaim(item with { Messages = messages }, moreReady, null, ActivitiesReady(connection, transaction, now));
            },
            cancellationToken);

    private static SqliteCommand WithClaimable(SqliteCommand command, DateTimeOffset now) =>
        command.With("$now", DurableStatements.Ticks(now))
            .With("$pending", (int)WorkflowRuntimeStatus.Pending)
            .With("$suspended", (int)WorkflowRuntimeStatus.Suspended)
            .With("$started", (int)HistoryEventType.ExecutionStarted)
            .With("$terminated", (int)HistoryEventType.ExecutionTerminated)
            .With("$resumed", (int)HistoryEventType.ExecutionResumed);

    /// <summary>Whether an activity has no live lease.</summary>
    private static bool ActivitiesReady(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        using var command = connection.Command(transaction, "SELECT EXISTS (SELECT 1 FROM durable_activities WHERE lease_expires_at <= $now AND visible_at <= $now);")
            .With("$now", DurableStatements.Ticks(now));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>The earliest future time a message becomes visible (a timer or a delayed start), if any.</summary>
    private static DateTimeOffset? NextDue(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        using var command = connection.Command(transaction, "SELECT MIN(visible_at) FROM durable_inbox WHERE visible_at > $now;")
            .With("$now", DurableStatements.Ticks(now));
        return command.ExecuteScalar() is long ticks ? DurableStatements.FromTicks(ticks) : null;
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(
        string instanceId, string executionId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => DurableStatements.ReadHistory(connection, instanceId, executionId), cancellationToken);

    public Task<bool> CommitStepAsync(StepCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return database.WriteAsync((connection, transaction) => Commit(connection, transaction, commit, activityLease: null) is not null, cancellationToken);
    }

    public Task AbandonInstanceAsync(string instanceId, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
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
        database.WriteAsync<IReadOnlyList<ActivityWorkItem>>(
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
                    """).With("$owner", owner).With("$expires", DurableStatements.Ticks(now + leaseDuration))
                    .With("$now", DurableStatements.Ticks(now)).With("$max", maxCount);
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

        return database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, string.Empty)
                    .With("$owner", owner).With("$expires", DurableStatements.Ticks(Now() + leaseDuration));
                command.CommandText =
                    $"UPDATE durable_activities SET lease_expires_at = $expires WHERE lease_owner = $owner AND id IN ({DurableStatements.InList(command, "$a", activityIds)});";
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<bool>> CompleteActivitiesAsync(
        string owner, IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return database.WriteAsync<IReadOnlyList<bool>>(
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

                DurableStatements.InsertMessages(connection, transaction, messages);
                return stored;
            },
            cancellationToken);
    }

    public Task AbandonActivityAsync(long activityId, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command(transaction, """
                    UPDATE durable_activities SET lease_owner = NULL, lease_expires_at = 0
                    WHERE id = $id AND lease_owner = $owner;
                    """).With("$id", activityId).With("$owner", owner);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>Checks the lease and applies the step; null when the lease is not ours, else the activities kept.</summary>
    private List<ActivityWorkItem>? Commit(SqliteConnection connection, SqliteTransaction transaction, StepCommit commit, TimeSpan? activityLease)
    {
        long lastSequence;
        using (var check = connection.Command(transaction, """
            SELECT last_sequence FROM durable_instances
            WHERE instance_id = $id AND execution_id = $execution AND lease_owner = $owner;
            """).With("$id", commit.InstanceId).With("$execution", commit.ExecutionId).With("$owner", commit.LeaseOwner))
        {
            if (check.ExecuteScalar() is not long sequence)
            {
                return null;
            }

            lastSequence = sequence;
        }

        return Apply(connection, transaction, commit, lastSequence, activityLease);
    }

    /// <summary>The step's writes after <paramref name="lastSequence"/>; the activities it keeps when <paramref name="activityLease"/> is given.</summary>
    private List<ActivityWorkItem> Apply(
        SqliteConnection connection, SqliteTransaction transaction, StepCommit commit, long lastSequence, TimeSpan? activityLease)
    {
        var now = Now();
        List<ActivityWorkItem> kept = [];
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
                .With("$custom", commit.CustomStatus).With("$now", DurableStatements.Ticks(now));
            reset.ExecuteNonQuery();

            // The start message goes first, so events carried over follow it in the inbox.
            DurableStatements.InsertMessages(
                connection, transaction, [new OutboundMessage(commit.InstanceId, continued.NewExecutionId, continued.Start, now)]);
        }
        else
        {
            InsertHistory(connection, transaction, commit.InstanceId, commit.ExecutionId, lastSequence, commit.NewHistory);
            InsertActivities(connection, transaction, commit, now, activityLease);
            kept = activityLease is null ? [] : KeptActivities(connection, transaction, commit);
            UpdateInstance(connection, transaction, commit, lastSequence + commit.NewHistory.Count, now);
        }

        foreach (var child in commit.SubOrchestrations)
        {
            if (!DurableStatements.TryCreateInstance(connection, transaction, child, now) && child.OnConflict is { } conflict)
            {
                DurableStatements.InsertMessages(connection, transaction, [conflict]);
            }
        }

        DurableStatements.InsertMessages(connection, transaction, commit.Messages);
        return kept;
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
            .With("$now", DurableStatements.Ticks(now)).With("$completed", status.IsTerminal() ? DurableStatements.Ticks(now) : null)
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

    /// <summary>Activity rows, leased to the step's owner when it keeps them, else free for any worker to claim.</summary>
    private static void InsertActivities(
        SqliteConnection connection, SqliteTransaction transaction, StepCommit commit, DateTimeOffset now, TimeSpan? activityLease)
    {
        var (owner, expires) = activityLease is { } lease ? (commit.LeaseOwner, DurableStatements.Ticks(now + lease)) : (null, 0L);
        connection.ExecuteMultiRow(
            transaction,
            "INSERT INTO durable_activities (instance_id, execution_id, task_id, name, version, input, attempt, visible_at, lease_owner, lease_expires_at) VALUES",
            commit.Activities,
            (command, activity, index) =>
            {
                command.With($"$i{index}", commit.InstanceId).With($"$e{index}", commit.ExecutionId)
                    .With($"$k{index}", activity.TaskId).With($"$n{index}", activity.Name)
                    .With($"$v{index}", activity.Version).With($"$in{index}", activity.Input)
                    .With($"$a{index}", activity.Attempt).With($"$w{index}", DurableStatements.Ticks(now))
                    .With($"$o{index}", owner).With($"$x{index}", expires);
                return $"($i{index}, $e{index}, $k{index}, $n{index}, $v{index}, $in{index}, $a{index}, $w{index}, $o{index}, $x{index})";
            });
    }

    private static void DeleteInbox(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> ids)
    {
        for (var start = 0; start < ids.Count; start += 500)
        {
            var chunk = ids.Skip(start).Take(500).ToArray();
            using var command = connection.Command(transaction, string.Empty);
            command.CommandText = $"DELETE FROM durable_inbox WHERE id IN ({DurableStatements.InList(command, "$m", chunk)});";
            command.ExecuteNonQuery();
        }
    }

    private DateTimeOffset Now() => timeProvider.GetUtcNow();
}
