namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Wakes this process's worker loops: one claim of the orchestration loop per instance with a new message (a future
/// due time too, so that a sleeping loop learns the next due time), and one of the activity loop.
/// </summary>
internal sealed class InProcessWakeups(DurableSignals signals) : IDurableWakeups
{
    public Task WakeAsync(IReadOnlyList<DurableWakeup> wakeups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeups);
        if (wakeups.Any(wakeup => wakeup.Work == DurableWork.Activity))
        {
            signals.Activities.Announce(1);
        }

        var instances = wakeups.Where(wakeup => wakeup.Work == DurableWork.Orchestration).Select(wakeup => wakeup.InstanceId).Distinct().Count();
        if (instances > 0)
        {
            signals.Orchestrations.Announce(instances);
        }

        return Task.CompletedTask;
    }
}
