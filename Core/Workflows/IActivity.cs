namespace Portable.Core.Workflows;

/// <summary>An activity as the runtime sees it; implement <see cref="Activity{TInput, TOutput}"/> instead.</summary>
public interface IActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(ActivityContext context, object? input, CancellationToken cancellationToken);
}
