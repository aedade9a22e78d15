using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// What both sides of the store do in their transactions: create an instance (a client's start, a step's
/// sub-orchestration), add inbox rows, delete an instance, read a status or a history. Times are UTC ticks.
/// </summary>
internal static class DurableStatements
{
    /// <summary>Creates the instance, or restarts it when it has ended; false when it is still running.</summary>
    public static bool TryCreateInstance(
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

    /// <summary>Inserts inbox rows; a row for an instance that does not exist is dropped.</summary>
    public static void InsertMessages(
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

    public static void DeleteInstance(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        using var command = connection.Command(transaction, """
            DELETE FROM durable_history WHERE instance_id = $id;
            DELETE FROM durable_inbox WHERE instance_id = $id;
            DELETE FROM durable_activities WHERE instance_id = $id;
            DELETE FROM durable_instances WHERE instance_id = $id;
            """).With("$id", instanceId);
        command.ExecuteNonQuery();
    }

    public static WorkflowRuntimeStatus? ReadStatus(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        using var command = connection.Command(
            transaction, "SELECT runtime_status FROM durable_instances WHERE instance_id = $id;").With("$id", instanceId);
        return command.ExecuteScalar() is long status ? (WorkflowRuntimeStatus)status : null;
    }

    public static string InList(SqliteCommand command, string prefix, IReadOnlyCollection<long> values)
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

    /// <summary>The execution's history, oldest first.</summary>
    public static IReadOnlyList<HistoryEvent> ReadHistory(
        SqliteConnection connection, string instanceId, string executionId, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command(transaction, """
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
    }

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
