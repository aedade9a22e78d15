namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// The port through which the worker and the client announce work after a commit: in-process signals when
/// the worker runs in the same process (the default), a queue message where processes are woken per event
/// (Lambda). A wake-up is only a hint; the store is the truth, and a lost one is found by polling or sweeping.
/// </summary>
public interface IDurableWakeups
{
    Task WakeAsync(IReadOnlyList<DurableWakeup> wakeups, CancellationToken cancellationToken);
}
