namespace Portable.Adapters.Sqlite.Messaging;

/// <summary>Wakes every receiver of this process that long-polls a queue when something in it may have become receivable.</summary>
internal sealed class QueueSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next pulse; take it before looking at the queue so that no pulse is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
