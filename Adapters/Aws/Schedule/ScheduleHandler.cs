using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Idempotency;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Adapters.Aws.Schedule;

/// <summary>
/// The <c>schedule</c> handler, run by the one-minute EventBridge rule: drains the order-dispatch queue
/// (seed 002's dispatcher), then hands the rest of the budget to the durable sweeper; once an hour it then deletes
/// the expired idempotency keys.
/// </summary>
public sealed partial class ScheduleHandler(
    OrderDispatcher dispatcher, IQueueProvider queues, IDurableSweeper sweeper, IdempotencyKeySweep keySweep, DispatchDrainOptions drain,
    ILogger<ScheduleHandler> logger) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scheduled = ScheduledEventReader.Read(payload.Span);
        LogStarted(logger, scheduled.Id, scheduled.Time, scheduled.Resources is { Count: > 0 } rules ? rules[0] : null);

        var (dispatched, failed, released) = await dispatcher.DrainAsync(
            queues.GetQueue(QueueNames.OrderDispatch), drain, () => context.Remaining, cancellationToken);

        int? swept = null;
        if (!cancellationToken.IsCancellationRequested)
        {
            swept = await sweeper.SweepAsync(cancellationToken);
        }

        // Hourly is enough for keys kept a day, so only the run the rule fired at minute 0 sweeps them: the other
        // fifty-nine, and the cold start measured against its CPU goal, send no statement for it. A run without the
        // event's time does not sweep.
        int? keysSwept = null;
        if (scheduled.Time is { } firedAt && firedAt.ToUniversalTime().Minute == 0 && !cancellationToken.IsCancellationRequested)
        {
            keysSwept = await keySweep.RunAsync(cancellationToken);
        }

        return new ScheduleResult(dispatched, failed, released, swept, keysSwept).ToUtf8Json();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run {EventId} of {ScheduledAt} from {Rule}")]
    private static partial void LogStarted(ILogger logger, string? eventId, DateTimeOffset? scheduledAt, string? rule);
}
