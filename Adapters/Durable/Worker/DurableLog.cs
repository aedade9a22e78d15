using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Durable.Worker;

/// <summary>The runtime's log lines; every line about one instance carries its instance id.</summary>
internal static partial class DurableLog
{
    /// <summary>
    /// The category of every line of the worker side (its loops, steps, activities and the drain): one name that
    /// operators filter on, the one these lines had when a single class ran them all.
    /// </summary>
    public const string Category = "Portable.Adapters.Durable.Worker.DurableWorker";

    [LoggerMessage(1, LogLevel.Information, "Durable worker {WorkerId} started: {Orchestrators} concurrent orchestration steps, {Activities} concurrent activities")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int orchestrators, int activities);

    [LoggerMessage(2, LogLevel.Information, "Durable worker {WorkerId} stopped")]
    public static partial void WorkerStopped(ILogger logger, string workerId);

    [LoggerMessage(3, LogLevel.Information, "Workflow instance {InstanceId} ({Name}) completed")]
    public static partial void InstanceCompleted(ILogger logger, string instanceId, string name);

    [LoggerMessage(4, LogLevel.Warning, "Workflow instance {InstanceId} ({Name}) failed: {ErrorType}: {ErrorMessage}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string name, string errorType, string errorMessage);

    [LoggerMessage(5, LogLevel.Information, "Workflow instance {InstanceId} ({Name}) terminated")]
    public static partial void InstanceTerminated(ILogger logger, string instanceId, string name);

    [LoggerMessage(6, LogLevel.Warning, "Workflow instance {InstanceId}: the lease was lost before the step committed; another worker redoes it")]
    public static partial void LeaseLost(ILogger logger, string instanceId);

    [LoggerMessage(7, LogLevel.Error, "Workflow instance {InstanceId}: the step could not run and was released for a retry")]
    public static partial void StepFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Workflow instance {InstanceId}: activity {ActivityName} (task {TaskId}, attempt {Attempt}) failed: {ErrorType}: {ErrorMessage}")]
    public static partial void ActivityFailed(
        ILogger logger, string instanceId, string activityName, int taskId, int attempt, string errorType, string errorMessage, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Workflow instance {InstanceId}: the result of activity {ActivityName} (task {TaskId}) was dropped: its lease had passed to another worker")]
    public static partial void ActivityResultDropped(ILogger logger, string instanceId, string activityName, int taskId);

    [LoggerMessage(10, LogLevel.Information, "Workflow instance {InstanceId}: activity {ActivityName} (task {TaskId}) was interrupted by shutdown and released")]
    public static partial void ActivityReleased(ILogger logger, string instanceId, string activityName, int taskId);

    [LoggerMessage(11, LogLevel.Error, "Workflow instance {InstanceId}: the result of activity {ActivityName} (task {TaskId}) could not be stored; the task runs again after its lease expires")]
    public static partial void ActivityCompletionFailed(ILogger logger, string instanceId, string activityName, int taskId, Exception exception);

    [LoggerMessage(12, LogLevel.Error, "The durable store could not be polled")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Workflow instance {InstanceId}: fault injection kills this process after activity {Activity} (task {TaskId}) ran and before its result is stored")]
    public static partial void CrashInjected(ILogger logger, string instanceId, string activity, int taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wake-ups could not be sent; the work waits for the next poll or sweep")]
    public static partial void WakeupFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable drain: {Steps} steps, {Activities} activities, finished {Finished}")]
    public static partial void Drained(ILogger logger, int steps, int activities, bool finished);

    // A drain that found nothing is the common case of a scheduled invocation: not worth a line at Information.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Durable drain: nothing to run")]
    public static partial void DrainedNothing(ILogger logger);
}
