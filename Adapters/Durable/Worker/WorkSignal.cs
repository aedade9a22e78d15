namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Counts the work announced to one poll loop and not yet looked for: each <see cref="Announce"/> of n items adds n
/// (up to <paramref name="capacity"/>, the most the loop can start at once: more would only make claims that find
/// nothing, and a claim that finds work says itself whether more is ready) and wakes the loop; each claim takes one
/// (<see cref="TryTake"/>). Work announced while the loop claims is counted, so it is not missed. A hint only: the
/// store is the truth, and a lost announcement costs a poll.
/// </summary>
internal sealed class WorkSignal(int capacity)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _waiter;
    private int _pending;

    /// <summary>Completes when work is announced, at once when some is waiting to be looked for.</summary>
    public Task WaitAsync()
    {
        lock (_gate)
        {
            if (_pending > 0)
            {
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    /// <summary>Takes one announcement, if any is waiting: the claim about to be made looks for it.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_pending == 0)
            {
                return false;
            }

            _pending--;
            return true;
        }
    }

    /// <summary>Announces <paramref name="count"/> new items and wakes the loop.</summary>
    public void Announce(int count)
    {
        if (count <= 0)
        {
            return;
        }

        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _pending = Math.Min(capacity, _pending + count);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }
}
