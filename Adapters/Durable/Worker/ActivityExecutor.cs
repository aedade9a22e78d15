using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.History;
using Portable.Adapters.Durable.Store;
using Portable.Core.Telemetry;
using Portable.Core.Workflows;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Runs one claimed activity, built from a DI scope of its own, to its <see cref="TaskCompleted"/> or
/// <see cref="TaskFailed"/> event, in a span under the instance's trace and a log scope. The worker's activity loop
/// and the drain share it.
/// </summary>
internal sealed class ActivityExecutor(
    IOrchestrationWorkerStore store,
    WorkflowRegistry registry,
    IDataConverter converter,
    IServiceScopeFactory scopes,
    HistoryCache cache,
    IOptions<DurableOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    private readonly DurableOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger(DurableLog.Category);

    /// <summary>
    /// Runs a claimed activity to its TaskCompleted or TaskFailed event; null when <paramref name="aborting"/>
    /// interrupted it, in which case its lease is released so that it runs again elsewhere.
    /// </summary>
    public async Task<HistoryEvent?> ExecuteAsync(ActivityWorkItem activity, CancellationToken aborting)
    {
        // Off the caller's thread at once: the activity may block before its first await.
        await Task.Yield();
        using var scope = WorkScope.Activity(_logger, activity.Name, activity.InstanceId, activity.TaskId);
        using var span = DurableTracing.StartActivityRun(activity, await TraceParentAsync(activity, aborting));
        try
        {
            var output = await InvokeAsync(activity, aborting);
            if (string.Equals(_options.CrashAfterActivity, activity.Name, StringComparison.OrdinalIgnoreCase))
            {
                DurableLog.CrashInjected(_logger, activity.InstanceId, activity.Name, activity.TaskId);
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            }

            return new TaskCompleted(time.GetUtcNow().UtcDateTime, activity.TaskId, output);
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            await LeaseRelease.RunAsync(() => store.AbandonActivityAsync(activity.Id, _options.WorkerId, CancellationToken.None), _logger);
            DurableLog.ActivityReleased(_logger, activity.InstanceId, activity.Name, activity.TaskId);
            return null;
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(span, exception);
            var failure = TaskFailureDetails.FromException(exception);
            DurableLog.ActivityFailed(
                _logger, activity.InstanceId, activity.Name, activity.TaskId, activity.Attempt,
                failure.ErrorType, failure.ErrorMessage, exception);
            return new TaskFailed(time.GetUtcNow().UtcDateTime, activity.TaskId, failure);
        }
    }

    /// <summary>
    /// The instance's trace context for an activity span: from the history this worker cached at the step that
    /// scheduled it, else (another worker's step, or a restart) from the stored start event. Only read while traced.
    /// </summary>
    private async Task<string?> TraceParentAsync(ActivityWorkItem activity, CancellationToken cancellationToken)
    {
        if (!PortableTelemetry.Source.HasListeners())
        {
            return null;
        }

        if (cache.StartOf(activity.InstanceId, activity.ExecutionId) is { } cached)
        {
            return cached.TraceParent;
        }

        try
        {
            var history = await store.GetHistoryAsync(activity.InstanceId, activity.ExecutionId, cancellationToken);
            return DurableTracing.StartOf(history)?.TraceParent;
        }
        catch (Exception exception)
        {
            // A span without its parent beats an activity that does not run (a cancelled read is the run's to notice).
            DurableLog.PollFailed(_logger, exception);
            return null;
        }
    }

    private async Task<string?> InvokeAsync(ActivityWorkItem activity, CancellationToken cancellationToken)
    {
        if (!registry.TryGetActivity(activity.Name, activity.Version, out var factory))
        {
            throw new InvalidOperationException($"No activity named '{activity.Name}' is registered.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var instance = factory(scope.ServiceProvider);
        var input = converter.Deserialize(activity.Input, instance.InputType);
        var context = new ActivityContext(activity.Name, activity.InstanceId, activity.TaskId, activity.Attempt);
        var output = await instance.RunAsync(context, input, cancellationToken);
        return converter.Serialize(output);
    }
}
