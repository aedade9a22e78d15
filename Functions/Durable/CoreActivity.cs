using Microsoft.DurableTask;

namespace Portable.Functions.Durable;

/// <summary>
/// One Core activity as a durabletask-dotnet activity: it takes the <see cref="ActivityCall"/> the orchestration adapter
/// sends and answers an <see cref="ActivityResult"/>, as the Functions activity triggers do, with services from the
/// worker's scope for this run.
/// </summary>
public sealed class CoreActivity(ActivityRunner runner, IServiceProvider services) : ITaskActivity
{
    public Type InputType => typeof(ActivityCall);

    public Type OutputType => typeof(ActivityResult);

    /// <remarks>durabletask-dotnet gives an activity no cancellation token; the run ends when the activity does.</remarks>
    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var call = input as ActivityCall ?? throw new ArgumentException($"Activity '{context.Name.Name}' takes an {nameof(ActivityCall)}.", nameof(input));
        return await runner.RunAsync(context.Name.Name, call, context.InstanceId, services, CancellationToken.None);
    }
}
