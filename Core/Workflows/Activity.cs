namespace Portable.Core.Workflows;

/// <summary>
/// A unit of side-effecting work called from an orchestrator. Resolved from a fresh service scope
/// for every execution, so it may take injected services. Runs at least once. Declare an
/// <see cref="ActivityReference{TInput, TOutput}"/> beside it to register and call it type-checked.
/// </summary>
public abstract class Activity<TInput, TOutput> : IActivity
{
    Type IActivity.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> IActivity.RunAsync(ActivityContext context, object? input, CancellationToken cancellationToken) =>
        await RunAsync(context, TypedInput.Of<TInput>(input), cancellationToken);
}
