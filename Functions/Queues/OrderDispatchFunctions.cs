using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Functions.Durable;

namespace Portable.Functions.Queues;

/// <summary>
/// The order dispatcher's schedule, as Core's <see cref="OrderDispatcher"/> says: on arrival the <c>order-dispatch</c>
/// queue trigger (<see cref="QueueFunctions"/>) dispatches; every minute, as the seed's schedule did, this sweep drains
/// whatever the trigger has not taken (it backs off to its maximum polling interval when the queue is idle, and a
/// message it released waits there). Both may see one message; the dispatcher skips an order whose workflow has moved on.
/// </summary>
public sealed partial class OrderDispatchFunctions(OrderDispatcher dispatcher, IQueueProvider queues, TimeProvider time, ILogger<OrderDispatchFunctions> logger)
{
    public const string ScheduleName = "OrderDispatchSchedule";
    public const string Schedule = "0 */1 * * * *";

    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SweepBudget = TimeSpan.FromSeconds(45);

    [Function(ScheduleName)]
    public async Task SweepAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DurableClientScope.Enter(client);
        var queue = queues.GetQueue(QueueNames.OrderDispatch);
        var cancellationToken = context.CancellationToken;
        var until = time.GetUtcNow() + SweepBudget;
        var handled = 0;
        while (time.GetUtcNow() < until)
        {
            var messages = await queue.ReceiveAsync(StorageMessageQueue.MaxBatch, TimeSpan.Zero, Visibility, cancellationToken);
            if (messages.Count == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                try
                {
                    await dispatcher.HandleAsync(message, cancellationToken);
                    await queue.DeleteAsync([message], cancellationToken);
                    handled++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Left on the queue: it shows again after its visibility timeout, to the trigger or the next sweep.
                    LogDispatchFailed(logger, message.MessageId, message.ReceiveCount, exception);
                }
            }
        }

        // An idle sweep, every minute, is not news.
        LogSwept(logger, handled == 0 ? LogLevel.Debug : LogLevel.Information, handled);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch message {MessageId} failed (receive {ReceiveCount}); it stays on the queue")]
    private static partial void LogDispatchFailed(ILogger logger, string messageId, int receiveCount, Exception exception);

    [LoggerMessage(Message = "Dispatch sweep handled {Count} message(s)")]
    private static partial void LogSwept(ILogger logger, LogLevel level, int count);
}
