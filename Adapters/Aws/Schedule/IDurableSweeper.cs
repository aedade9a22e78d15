namespace Portable.Adapters.Aws.Schedule;

/// <summary>
/// The durable runtime's share of the one-minute schedule on Lambda, where no worker keeps running: find
/// due timers and expired leases and wake their instances (an SQS wake-up, or their ready work drained
/// here). Registered by the composition that runs workflows on the durable runtime; without one the
/// schedule only dispatches orders.
/// </summary>
public interface IDurableSweeper
{
    /// <summary>Sweeps until done or until <paramref name="cancellationToken"/> fires; returns the instances woken.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);
}
