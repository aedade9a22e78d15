namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Wakes as many waiting loops as there is new work, not all of them: each <see cref="Announce"/> of n items wakes the
/// n loops that have waited longest. A loop takes its <see cref="Ticket"/> before it looks at the store, so that work
/// announced in between is not missed, and drops it when it found work. Work announced while no loop waits is kept
/// for the next ones to take, up to <paramref name="loops"/> (more would only wake loops to find nothing). A hint
/// only: the store is the truth, and a lost wake-up costs a poll.
/// </summary>
internal sealed class WorkSignal(int loops)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = [];
    private int _spare;

    /// <summary>A loop's place in line; completes when work is announced for it.</summary>
    public Ticket Take()
    {
        lock (_gate)
        {
            var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_spare > 0)
            {
                _spare--;
                wake.SetResult();
                return new Ticket(this, wake, null);
            }

            return new Ticket(this, wake, _waiting.AddLast(wake));
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> waiting loops, oldest first.</summary>
    public void Announce(int count)
    {
        List<TaskCompletionSource> woken = [];
        lock (_gate)
        {
            while (count > 0 && _waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                woken.Add(first.Value);
                count--;
            }

            _spare = Math.Min(loops, _spare + count);
        }

        foreach (var wake in woken)
        {
            wake.TrySetResult();
        }
    }

    private void Leave(LinkedListNode<TaskCompletionSource> node)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
            }
        }
    }

    /// <summary>A place in line: <see cref="Woken"/> completes when work is announced for this loop.</summary>
    public sealed class Ticket(WorkSignal signal, TaskCompletionSource wake, LinkedListNode<TaskCompletionSource>? node) : IDisposable
    {
        public Task Woken => wake.Task;

        /// <summary>Leaves the line (the loop found work, or stops).</summary>
        public void Dispose()
        {
            if (node is not null)
            {
                signal.Leave(node);
            }
        }
    }
}
