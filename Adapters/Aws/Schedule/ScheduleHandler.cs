using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Json;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Adapters.Aws.Schedule;

/// <summary>
/// The <c>schedule</c> handler, run by the one-minute EventBridge rule: drains the order-dispatch queue
/// (seed 002's dispatcher), then hands the rest of the budget to the durable sweeper.
/// </summary>
public sealed partial class ScheduleHandler(
    OrderDispatcher dispatcher, IQueueProvider queues, IDurableSweeper sweeper, DispatchDrainOptions drain, ILogger<ScheduleHandler> logger) : ILambdaHandler
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

        return new ScheduleResult(dispatched, failed, released, swept).ToUtf8Json();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled run {EventId} of {ScheduledAt} from {Rule}")]
    private static partial void LogStarted(ILogger logger, string? eventId, DateTimeOffset? scheduledAt, string? rule);
}
