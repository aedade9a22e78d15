using System.Globalization;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.MySql;

/// <summary>The writes of the store, appended to a <see cref="SqlBatch"/>; multi-row INSERTs where rows come in numbers.</summary>
internal static class DurableStatements
{
    /// <summary>Rows per INSERT statement: large payloads stay well under max_allowed_packet per statement.</summary>
    private const int RowsPerStatement = 200;

    private const string InboxInsert = "INSERT INTO durable_inbox (instance_id, execution_id, event_type, visible_at, payload)";

    /// <summary>Appends history after <paramref name="lastSequence"/>; the ids are parameter names.</summary>
    public static void InsertHistory(
        SqlBatch batch, string instanceId, string executionId, long lastSequence, IReadOnlyList<HistoryEvent> events)
    {
        MultiRow(batch, "INSERT INTO durable_history (instance_id, execution_id, sequence, event_type, task_id, timestamp, payload) VALUES", events, (e, index) =>
            $"({instanceId}, {executionId}, {lastSequence + index + 1}, {(int)e.EventType}, {e.TaskId?.ToString(CultureInfo.InvariantCulture) ?? "NULL"}, {e.Timestamp.Ticks}, {batch.Param(HistorySerializer.Serialize(e))})");
    }

    /// <summary>
    /// Activity work items, visible at once, and leased to <paramref name="keep"/>'s owner when the step's worker keeps
    /// them to run itself; the ids are parameter names.
    /// </summary>
    public static void InsertActivities(
        SqlBatch batch, string instanceId, string executionId, IReadOnlyList<NewActivityTask> activities, DateTimeOffset now, KeptLease? keep)
    {
        var owner = keep is { } lease ? batch.Param(lease.Owner) : "NULL";
        var expires = keep?.ExpiresAt.UtcTicks ?? 0;
        MultiRow(batch, "INSERT INTO durable_activities (instance_id, execution_id, task_id, name, version, input, attempt, visible_at, lease_owner, lease_expires_at) VALUES", activities, (a, _) =>
            $"({instanceId}, {executionId}, {a.TaskId}, {batch.Param(a.Name)}, {batch.Param(a.Version)}, {batch.Param(a.Input)}, {a.Attempt}, {now.UtcTicks}, {owner}, {expires})");
        if (keep is not null && activities is [var only])
        {
            // One row (a sequence's step): its id is the one the INSERT just generated, whatever the auto-increment
            // lock mode; no table to read.
            batch.Sql($"SELECT LAST_INSERT_ID(), {only.TaskId};");
        }
        else if (keep is not null && activities.Count > 0)
        {
            // Read back in the same command: their ids, for the worker that keeps them.
            batch.Sql($"SELECT id, task_id FROM durable_activities WHERE instance_id = {instanceId} AND execution_id = {executionId} AND task_id IN ({SqlBatch.List(activities.Select(a => (long)a.TaskId))});");
        }
    }

    /// <summary>Inbox rows for instances known to exist (the caller holds the instance's lock or its activity rows).</summary>
    public static void InsertMessages(SqlBatch batch, IReadOnlyList<OutboundMessage> messages)
    {
        MultiRow(batch, InboxInsert + " VALUES", messages, (m, _) =>
            $"({batch.Param(m.InstanceId)}, {batch.Param(m.ExecutionId)}, {(int)m.Event.EventType}, {m.VisibleAt.UtcTicks}, {batch.Param(HistorySerializer.Serialize(m.Event))})");
    }

    /// <summary>An inbox row for another instance, dropped when that instance does not exist.</summary>
    public static void InsertMessageIfTargetExists(SqlBatch batch, OutboundMessage message)
    {
        var target = batch.Param(message.InstanceId);
        batch.Sql($"{InboxInsert} SELECT instance_id, {batch.Param(message.ExecutionId)}, {(int)message.Event.EventType}, {message.VisibleAt.UtcTicks}, {batch.Param(HistorySerializer.Serialize(message.Event))} FROM durable_instances WHERE instance_id = {target};");
    }

    /// <summary>
    /// Creates the instance row and its start message, unless a row with that id is there (the caller deleted an
    /// ended one first): then nothing is written, and <paramref name="instance"/>'s conflict message, if any, is sent
    /// instead. Deciding on the row in SQL keeps it right even when someone else inserted the id a moment ago.
    /// </summary>
    public static void CreateInstance(SqlBatch batch, NewInstance instance, DateTimeOffset now)
    {
        var id = batch.Param(instance.InstanceId);
        var execution = batch.Param(instance.ExecutionId);
        var start = instance.Start;
        batch.Sql($"""
            INSERT INTO durable_instances
                (instance_id, execution_id, name, version, runtime_status, input, parent_instance_id, created_at, last_updated_at, last_sequence, lease_expires_at)
            VALUES ({id}, {execution}, {batch.Param(start.Name)}, {batch.Param(start.Version)}, {(int)WorkflowRuntimeStatus.Pending}, {batch.Param(start.Input)}, {batch.Param(start.Parent?.InstanceId)}, {now.UtcTicks}, {now.UtcTicks}, 0, 0)
            ON DUPLICATE KEY UPDATE instance_id = instance_id;
            {InboxInsert} SELECT instance_id, execution_id, {(int)HistoryEventType.ExecutionStarted}, {instance.StartAt.UtcTicks}, {batch.Param(HistorySerializer.Serialize(start))}
            FROM durable_instances WHERE instance_id = {id} AND execution_id = {execution};
            """);
        if (instance.OnConflict is { } conflict)
        {
            batch.Sql($"""
                {InboxInsert} SELECT {batch.Param(conflict.InstanceId)}, {batch.Param(conflict.ExecutionId)}, {(int)conflict.Event.EventType}, {conflict.VisibleAt.UtcTicks}, {batch.Param(HistorySerializer.Serialize(conflict.Event))}
                FROM durable_instances WHERE instance_id = {id} AND execution_id <> {execution};
                """);
        }
    }

    /// <summary>Deletes instances with everything they own; <paramref name="instanceIds"/> are parameter names.</summary>
    public static void DeleteInstances(SqlBatch batch, IReadOnlyCollection<string> instanceIds)
    {
        var ids = string.Join(", ", instanceIds);
        batch.Sql($"""
            DELETE FROM durable_history WHERE instance_id IN ({ids});
            DELETE FROM durable_inbox WHERE instance_id IN ({ids});
            DELETE FROM durable_activities WHERE instance_id IN ({ids});
            DELETE FROM durable_instances WHERE instance_id IN ({ids});
            """);
    }

    /// <summary>The writes of one step, in the order of the SQLite store's.</summary>
    public static void AppendStep(
        SqlBatch write,
        StepCommit commit,
        long lastSequence,
        IReadOnlyDictionary<string, WorkflowRuntimeStatus> childStatuses,
        string stepId,
        DateTimeOffset now,
        KeptLease? keep = null)
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
            InsertHistory(write, id, execution, lastSequence, commit.NewHistory);
            InsertActivities(write, id, execution, commit.Activities, now, keep);
            AppendInstanceUpdate(write, commit, id, step, lastSequence + commit.NewHistory.Count, now);
        }

        foreach (var child in commit.SubOrchestrations)
        {
            if (childStatuses.TryGetValue(child.InstanceId, out var status) && status.IsTerminal())
            {
                DeleteInstances(write, [write.Param(child.InstanceId)]);
            }

            CreateInstance(write, child, now);
        }

        InsertMessages(write, [.. messages.Where(m => m.InstanceId == commit.InstanceId)]);
        foreach (var message in messages.Where(m => m.InstanceId != commit.InstanceId))
        {
            InsertMessageIfTargetExists(write, message);
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
            // Nothing of an ended execution runs any more (a restart replaces the rows anyway). By primary key, so
            // that instances ending together lock none of each other's rows (migration 0015).
            write.Sql($"CALL durable_end_instance({id});");
        }
    }

    private static void MultiRow<T>(SqlBatch batch, string prefix, IReadOnlyList<T> rows, Func<T, int, FormattableString> row)
    {
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            batch.Sql($"{prefix} ");
            var end = Math.Min(rows.Count, start + RowsPerStatement);
            for (var i = start; i < end; i++)
            {
                batch.Sql(row(rows[i], i)).Sql($"{(i + 1 < end ? "," : ";")}");
            }
        }
    }
}
