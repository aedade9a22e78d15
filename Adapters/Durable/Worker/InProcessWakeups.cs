namespace Portable.Adapters.Durable.Worker;

/// <summary>Wakes this process's worker loops; a future due time needs no signal beyond a re-check, since idle loops sleep until the next due message.</summary>
internal sealed class InProcessWakeups(DurableSignals signals) : IDurableWakeups
{
    public Task WakeAsync(IReadOnlyList<DurableWakeup> wakeups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeups);
        if (wakeups.Any(wakeup => wakeup.Work == DurableWork.Activity))
        {
            signals.Activities.Set();
        }

        if (wakeups.Any(wakeup => wakeup.Work == DurableWork.Orchestration))
        {
            signals.Orchestrations.Set();
        }

        return Task.CompletedTask;
    }
}
