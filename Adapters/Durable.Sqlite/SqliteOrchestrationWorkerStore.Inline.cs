using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>The inline path: activities kept by the worker whose step scheduled them, and results committed with the next step.</summary>
internal sealed partial class SqliteOrchestrationWorkerStore
{
    public async Task<IReadOnlyList<ActivityWorkItem>?> CommitStepKeepingActivitiesAsync(
        StepCommit commit, TimeSpan activityLease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return await database.WriteAsync((connection, transaction) => Commit(connection, transaction, commit, activityLease), cancellationToken);
    }

    public async Task<IReadOnlyList<ActivityWorkItem>?> CompleteActivitiesWithStepAsync(
        string owner, IReadOnlyList<ActivityResult> results, long lastSequence, StepCommit step, TimeSpan activityLease,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(step);
        return await database.WriteAsync<List<ActivityWorkItem>?>(
            (connection, transaction) =>
            {
                var now = DurableStatements.Ticks(Now());
                using (var check = connection.Command(transaction, """
                    SELECT
                        (SELECT COUNT(*) FROM durable_instances
                         WHERE instance_id = $id AND execution_id = $execution AND last_sequence = $sequence
                           AND runtime_status = $running AND lease_expires_at <= $now)
                        + (SELECT COUNT(*) FROM durable_inbox WHERE instance_id = $id AND visible_at <= $now);
                    """).With("$id", step.InstanceId).With("$execution", step.ExecutionId).With("$sequence", lastSequence)
                    .With("$running", (int)WorkflowRuntimeStatus.Running).With("$now", now))
                {
                    // Free, current, running, and nothing else waiting for it: exactly the instance row, no message.
                    if (check.ExecuteScalar() is not 1L)
                    {
                        return null;
                    }
                }

                long[] ids = [.. results.Select(result => result.Activity.Id).Distinct()];
                using (var ours = connection.Command(transaction, string.Empty).With("$owner", owner))
                {
                    ours.CommandText = $"SELECT COUNT(*) FROM durable_activities WHERE lease_owner = $owner AND id IN ({DurableStatements.InList(ours, "$a", ids)});";
                    if (ours.ExecuteScalar() is not long count || count != ids.Length)
                    {
                        return null;
                    }

                    ours.CommandText = ours.CommandText.Replace("SELECT COUNT(*) FROM", "DELETE FROM", StringComparison.Ordinal);
                    ours.ExecuteNonQuery();
                }

                return Apply(connection, transaction, step, lastSequence, activityLease);
            },
            cancellationToken);
    }

    /// <summary>The rows of the activities a step just inserted, leased to its owner.</summary>
    private static List<ActivityWorkItem> KeptActivities(SqliteConnection connection, SqliteTransaction transaction, StepCommit commit)
    {
        if (commit.Activities.Count == 0)
        {
            return [];
        }

        var scheduled = commit.Activities.ToDictionary(activity => activity.TaskId);
        using var read = connection.Command(transaction, string.Empty)
            .With("$id", commit.InstanceId).With("$execution", commit.ExecutionId).With("$owner", commit.LeaseOwner);
        read.CommandText = $"""
            SELECT id, task_id FROM durable_activities
            WHERE instance_id = $id AND execution_id = $execution AND lease_owner = $owner
              AND task_id IN ({DurableStatements.InList(read, "$k", [.. scheduled.Keys.Select(id => (long)id)])});
            """;
        using var reader = read.ExecuteReader();
        var kept = new List<ActivityWorkItem>(scheduled.Count);
        while (reader.Read())
        {
            var task = scheduled[reader.GetInt32(1)];
            kept.Add(new ActivityWorkItem(reader.GetInt64(0), commit.InstanceId, commit.ExecutionId, task.TaskId, task.Name, task.Version, task.Input, task.Attempt));
        }

        return kept;
    }
}
