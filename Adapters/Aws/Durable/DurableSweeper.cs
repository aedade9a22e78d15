using Portable.Adapters.Aws.Schedule;
using Portable.Adapters.Durable.Worker;

namespace Portable.Adapters.Aws.Durable;

/// <summary>
/// The schedule's sweep: a drain with the rest of the budget, which finds what no wake-up announced (timers
/// further than SQS's 15-minute delay, lost wake-ups, leases that expired when a function died).
/// </summary>
public sealed class DurableSweeper(IDurableDrain drain) : IDurableSweeper
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var result = await drain.DrainAsync(cancellationToken);
        return result.Steps + result.Activities;
    }
}
