namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// An in-process hint that new work may be there. Waiters take <see cref="Current"/> before they look
/// at the store, so a signal raised in between is not missed; a lost signal only costs a poll.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Current => Volatile.Read(ref _current).Task;

    public void Set()
    {
        var previous = Interlocked.Exchange(
            ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>Returns when <paramref name="wake"/> completes or <paramref name="delay"/> passes.</summary>
    public static async Task WaitAsync(Task wake, TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (wake.IsCompleted || delay <= TimeSpan.Zero)
        {
            return;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delayTask = Task.Delay(delay, timeProvider, delayCancellation.Token);
        await Task.WhenAny(wake, delayTask);
        await delayCancellation.CancelAsync();
    }
}
