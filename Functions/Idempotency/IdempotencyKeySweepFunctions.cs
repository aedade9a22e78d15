using Microsoft.Azure.Functions.Worker;
using Portable.Core.Idempotency;

namespace Portable.Functions.Idempotency;

/// <summary>
/// Core's <see cref="IdempotencyKeySweep"/> on a timer, at the start of every hour: keys are kept a day by default, so
/// an hour's late deletion costs little room. A failed run fails the function, and the next hour's takes up the rest.
/// </summary>
public sealed class IdempotencyKeySweepFunctions(IdempotencyKeySweep sweep)
{
    public const string ScheduleName = "IdempotencyKeySweep";
    public const string Schedule = "0 0 * * * *";

    [Function(ScheduleName)]
    public async Task SweepAsync([TimerTrigger(Schedule)] TimerInfo timer, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await sweep.RunAsync(context.CancellationToken);
    }
}
