using System.Data;
using System.Globalization;
using MySqlConnector;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.MySql;

/// <summary>The reads of the store's transactions, and the ending of a failed one.</summary>
internal static class DurableReads
{
    /// <summary>
    /// Ends the connection's transaction after a failure. The durable pool does not reset connections as it hands them
    /// out, so a transaction left open here would be joined, and committed, by the next caller: when ROLLBACK itself
    /// fails on a live connection, the session is reset; a connection too broken for either is discarded by the pool.
    /// </summary>
    public static Task RollBackAsync(MySqlConnection connection) => EndAsync(connection, "ROLLBACK");

    /// <summary>
    /// Ends a claim's transaction, as <see cref="RollBackAsync"/> does, and gives the session back the server's idle
    /// timeout, which the claim had shortened to its lease.
    /// </summary>
    public static Task EndClaimAsync(MySqlConnection connection) => EndAsync(connection, "ROLLBACK; " + RestoreIdleTimeout);

    /// <summary>What a claim's commit ends with: the server's idle timeout back for the next caller of the connection.</summary>
    public const string RestoreIdleTimeout = "SET SESSION wait_timeout = DEFAULT;";

    private static async Task EndAsync(MySqlConnection connection, string sql)
    {
        try
        {
            await using var rollback = new MySqlCommand(sql, connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (MySqlException) when (connection.State == ConnectionState.Open)
        {
            await ResetAsync(connection);
        }
        catch (Exception exception) when (exception is MySqlException or IOException or InvalidOperationException)
        {
            // The connection is unusable: the server rolls back when it closes it, and the pool discards it.
        }
    }

    /// <summary>Runs the statements after the ones read to their end, so that a failed COMMIT surfaces here.</summary>
    public static async Task DrainAsync(MySqlDataReader reader, CancellationToken cancellationToken)
    {
        while (await reader.NextResultAsync(cancellationToken))
        {
        }
    }

    public static async Task<(WorkflowRuntimeStatus Status, string ExecutionId)?> ReadStatusAsync(
        SqlBatch batch, MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = batch.Build(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        (WorkflowRuntimeStatus, string)? status = await reader.ReadAsync(cancellationToken)
            ? ((WorkflowRuntimeStatus)reader.GetInt32(0), reader.GetString(1))
            : null;
        await DrainAsync(reader, cancellationToken);
        return status;
    }

    /// <summary>Instance ids and their statuses, from a batch whose first statement selects those two columns.</summary>
    public static async Task<IReadOnlyDictionary<string, WorkflowRuntimeStatus>> ReadStatusesAsync(
        SqlBatch batch, MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = batch.Build(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statuses = new Dictionary<string, WorkflowRuntimeStatus>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetString(0)] = (WorkflowRuntimeStatus)reader.GetInt32(1);
        }

        await DrainAsync(reader, cancellationToken);
        return statuses;
    }

    /// <summary>
    /// What <c>durable_claim_step</c> answered: its first row says whether it claimed (and whether more was ready) or,
    /// having rolled back, when the next message is due, and whether an activity is claimable; a claim's instance row
    /// and visible messages follow.
    /// </summary>
    public static async Task<InstanceClaim> ClaimAsync(SqlBatch claim, MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = claim.Build(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("durable_claim_step answered no summary row: is migration 0014 applied?");
        }

        var found = reader.GetInt64(0) != 0;
        var more = reader.GetInt64(1) != 0;
        DateTimeOffset? nextDue = reader.IsDBNull(2) ? null : DurableRows.FromTicks(reader.GetInt64(2));
        var activities = reader.GetInt64(3) != 0;
        if (!found)
        {
            await DrainAsync(reader, cancellationToken);
            return InstanceClaim.Nothing(nextDue, activities);
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
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

        await DrainAsync(reader, cancellationToken);
        return new InstanceClaim(item with { Messages = messages }, more, null, activities);
    }

    /// <summary>
    /// Runs a step's command to its end (a failed COMMIT surfaces here) and returns the activities it kept: the rows
    /// its read-back found, leased to <paramref name="keep"/>'s owner. None when the step keeps nothing.
    /// </summary>
    public static async Task<IReadOnlyList<ActivityWorkItem>> KeptActivitiesAsync(
        SqlBatch write, MySqlConnection connection, StepCommit commit, KeptLease? keep, CancellationToken cancellationToken)
    {
        if (keep is null || commit.Activities.Count == 0 || commit.ContinueAsNew is not null)
        {
            await write.ExecuteAsync(connection, cancellationToken);
            return [];
        }

        var scheduled = commit.Activities.ToDictionary(activity => activity.TaskId);
        var kept = new List<ActivityWorkItem>(scheduled.Count);
        await using var command = write.Build(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var task = scheduled[reader.GetInt32(1)];
            kept.Add(new ActivityWorkItem(reader.GetInt64(0), commit.InstanceId, commit.ExecutionId, task.TaskId, task.Name, task.Version, task.Input, task.Attempt));
        }

        await DrainAsync(reader, cancellationToken);
        return kept;
    }

    /// <summary>The execution's history, oldest first.</summary>
    public static Task<IReadOnlyList<HistoryEvent>> HistoryAsync(
        MySqlDatabase database, string instanceId, string executionId, CancellationToken cancellationToken) =>
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

    public static async Task<IReadOnlyList<ActivityWorkItem>> ActivitiesLeasedAsync(
        MySqlConnection connection, IReadOnlyList<ActivityWorkItem> items, string owner, long expires, CancellationToken cancellationToken)
    {
        var read = new SqlBatch();
        read.Sql($"SELECT id FROM durable_activities WHERE id IN ({SqlBatch.List(items.Select(a => a.Id))}) AND lease_owner = {read.Param(owner)} AND lease_expires_at = {expires};");
        var held = new HashSet<long>();
        await using (var command = read.Build(connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                held.Add(reader.GetInt64(0));
            }
        }

        return [.. items.Where(a => held.Contains(a.Id))];
    }

    /// <summary>Whether an activity has no live lease (a plain read: it sees rows others hold too, and locks none).</summary>
    public static async Task<bool> AnyActivityClaimableAsync(MySqlConnection connection, long nowTicks, CancellationToken cancellationToken)
    {
        var read = new SqlBatch().Sql($"""
            SELECT EXISTS (SELECT 1 FROM durable_activities FORCE INDEX (ix_durable_activities_lease)
                           WHERE lease_expires_at <= {nowTicks} AND visible_at <= {nowTicks});
            """);
        await using var command = read.Build(connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    public static async Task<bool> AnyInstanceAsync(MySqlConnection connection, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        var read = new SqlBatch();
        read.Sql($"SELECT EXISTS (SELECT 1 FROM durable_instances WHERE instance_id IN ({string.Join(", ", instanceIds.Select(read.Param))}));");
        await using var command = read.Build(connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
    }

    private static async Task ResetAsync(MySqlConnection connection)
    {
        try
        {
            await connection.ResetConnectionAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is MySqlException or IOException or InvalidOperationException)
        {
            // Broken after all: the pool discards it.
        }
    }
}
