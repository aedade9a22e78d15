using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Portable.Core.Workflows;
using Portable.Functions.Serialization;

namespace Portable.Functions.Durable;

/// <summary>
/// Runs a Core activity for an activity trigger or a durabletask-dotnet worker's activity: built from the
/// invocation's service scope, its input read by Core's converter, its failure answered as data (see <see cref="ActivityResult"/>).
/// </summary>
public sealed partial class ActivityRunner(WorkflowRegistry registry, IDataConverter converter, ILogger<ActivityRunner> logger)
{
    public const string InstanceIdBindingName = "instanceId";

    /// <summary>An activity trigger's invocation: the instance id from its binding data, services from its scope.</summary>
    public Task<ActivityResult> RunAsync(string name, ActivityCall call, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.BindingContext.BindingData.TryGetValue(InstanceIdBindingName, out var value) && value is string id ? id : "";
        return RunAsync(name, call, instanceId, context.InstanceServices, context.CancellationToken);
    }

    /// <summary>One run of the activity <paramref name="name"/> for the orchestration <paramref name="instanceId"/>, built from <paramref name="services"/>.</summary>
    public async Task<ActivityResult> RunAsync(string name, ActivityCall call, string instanceId, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(services);
        if (!registry.TryGetActivity(name, null, out var factory))
        {
            throw new InvalidOperationException($"No Core activity is registered as '{name}'.");
        }

        try
        {
            var activity = factory(services);
            var input = call.Input is { ValueKind: not JsonValueKind.Undefined } json ? converter.Deserialize(json.GetRawText(), activity.InputType) : null;
            var output = await activity.RunAsync(new ActivityContext(name, instanceId, call.TaskId, call.Attempt), input, cancellationToken);
            return ActivityResult.Completed(converter.Serialize(output) is { } text ? JsonSerializer.Deserialize(text, FunctionsJsonContext.Default.JsonElement) : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, name, instanceId, call.TaskId, call.Attempt, exception);
            return ActivityResult.Failed(TaskFailureDetails.FromException(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Activity} of instance {InstanceId} (task {TaskId}, attempt {Attempt}) failed")]
    private static partial void LogFailed(ILogger logger, string activity, string instanceId, int taskId, int attempt, Exception exception);
}
