namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Runs the durable runtime for a bounded time, for hosts without background loops (Lambda): claims and runs
/// ready orchestration steps and activities until nothing is ready or the token fires. On cancellation,
/// unfinished work is released so another invocation redoes it.
/// </summary>
public interface IDurableDrain
{
    Task<DrainResult> DrainAsync(CancellationToken cancellationToken);
}
