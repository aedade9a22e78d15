namespace Portable.Core.Workflows;

/// <summary>An activity given as a function, for small activities and tests.</summary>
internal sealed class DelegateActivity<TInput, TOutput>(
    Func<ActivityContext, TInput, CancellationToken, Task<TOutput>> run)
    : Activity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken) =>
        run(context, input, cancellationToken);
}
