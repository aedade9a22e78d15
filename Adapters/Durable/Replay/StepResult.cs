using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Replay;

/// <summary>
/// What a step decided: the commit to apply, the full history after it (for the worker's cache) and,
/// when the instance failed, why.
/// </summary>
internal sealed record StepResult(StepCommit Commit, IReadOnlyList<HistoryEvent> History, TaskFailureDetails? Failure)
{
    public bool ScheduledActivities => Commit.Activities.Count > 0;

    /// <summary>True when other instances (or this one, later) have something new to process.</summary>
    public bool SentMessages =>
        Commit.Messages.Count > 0 || Commit.SubOrchestrations.Count > 0 || Commit.ContinueAsNew is not null;
}
