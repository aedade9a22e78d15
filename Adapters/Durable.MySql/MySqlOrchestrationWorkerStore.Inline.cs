using MySqlConnector;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// The inline path: a step's worker keeps the activities it schedules (leased to it in the step's own commit), and an
/// activity's result commits with the next step of its instance in one transaction and one round trip, guarded by the
/// procedures of migrations 0013 and 0017.
/// </summary>
public sealed partial class MySqlOrchestrationWorkerStore
{
    /// <summary>The SQLSTATE of the guards' refusals (user-defined exception).</summary>
    private const string Refused = "45000";

    public Task<IReadOnlyList<ActivityWorkItem>?> CommitStepKeepingActivitiesAsync(
        StepCommit commit, TimeSpan activityLease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return CommitClaimedAsync(commit, new KeptLease(commit.LeaseOwner, Now() + activityLease), cancellationToken);
    }

    public Task<IReadOnlyList<ActivityWorkItem>?> CompleteActivitiesWithStepAsync(
        string owner, IReadOnlyList<ActivityResult> results, long lastSequence, StepCommit step, TimeSpan activityLease,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(step);
        if (step.SubOrchestrations.Count > 0 || step.ContinueAsNew is not null)
        {
            // Those need reads of their own first: the claim path takes them.
            return Task.FromResult<IReadOnlyList<ActivityWorkItem>?>(null);
        }

        var stepId = Guid.NewGuid().ToString("N");
        long[] ids = [.. results.Select(result => result.Activity.Id).Distinct()];
        return WriteAttempt.RunAsync<IReadOnlyList<ActivityWorkItem>?>(
            database,
            async (connection, attempt, token) =>
            {
                if (attempt.EarlierMayHaveCommitted)
                {
                    // The step's id is in the instance row when the unanswered COMMIT went through; the kept rows'
                    // ids are then unknown, and their lease passes to any worker.
                    var read = new SqlBatch();
                    read.Sql($"SELECT last_step_id FROM durable_instances WHERE instance_id = {read.Param(step.InstanceId)};");
                    if ((string?)await read.ScalarAsync(connection, token) == stepId)
                    {
                        LogUnansweredCommitFound(logger, step.InstanceId);
                        return [];
                    }
                }

                var now = Now();
                var write = SqlBatch.BeginTransaction();
                if (ids is [var id])
                {
                    // One result, as every step of a sequence has: guard and take in one call (migration 0017).
                    write.Sql($"CALL durable_take_inline_result({write.Param(step.InstanceId)}, {write.Param(step.ExecutionId)}, {lastSequence}, {now.UtcTicks}, {id}, {write.Param(owner)});");
                }
                else
                {
                    write.Sql($"CALL durable_lock_inline_step({write.Param(step.InstanceId)}, {write.Param(step.ExecutionId)}, {lastSequence}, {now.UtcTicks});");
                    write.Sql($"DELETE FROM durable_activities WHERE id IN ({SqlBatch.List(ids)}) AND lease_owner = {write.Param(owner)};");
                    write.Sql($"CALL durable_expect_rows(ROW_COUNT(), {ids.Length});");
                }

                DurableStatements.AppendStep(write, step, lastSequence, NoChildren, stepId, now, new KeptLease(owner, now + activityLease));
                write.Sql($"COMMIT;");
                attempt.SendingCommit();
                try
                {
                    return await DurableReads.KeptActivitiesAsync(write, connection, step, new KeptLease(owner, now + activityLease), token);
                }
                catch (MySqlException refusal) when (refusal.SqlState == Refused)
                {
                    // A guard refused before the COMMIT: nothing is written; the results go the ordinary way.
                    await DurableReads.RollBackAsync(connection);
                    return null;
                }
            },
            cancellationToken);
    }
}
