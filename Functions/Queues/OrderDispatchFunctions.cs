using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Functions.Durable;

namespace Portable.Functions.Queues;

/// <summary>
/// The order dispatcher, as Core's <see cref="OrderDispatcher"/> says: on arrival, a queue trigger on
/// <c>order-dispatch</c>; and every minute, as the seed's schedule did, a sweep that drains whatever the
/// trigger has not taken (it backs off to its maximum polling interval when the queue is idle, and a
/// message it released waits there). Both consumers may see one message; the dispatcher skips an order
/// whose workflow has moved on.
/// </summary>
public sealed partial class OrderDispatchFunctions(OrderDispatcher dispatcher, IQueueProvider queues, ILogger<OrderDispatchFunctions> logger)
{
    public const string OnArrivalName = "OrderDispatchQueue";
    public const string ScheduleName = "OrderDispatchSchedule";
    public const string Schedule = "0 */1 * * * *";

    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SweepBudget = TimeSpan.FromSeconds(45);

    [Function(OnArrivalName)]
    public async Task OnArrivalAsync(
        [QueueTrigger(QueueNames.OrderDispatch)] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DurableClientScope.Enter(client);
        var data = context.BindingContext.BindingData;
        var messageId = data.TryGetValue("Id", out var id) ? id?.ToString() ?? context.InvocationId : context.InvocationId;
        var receiveCount = data.TryGetValue("DequeueCount", out var count) && int.TryParse(count?.ToString(), out var parsed) ? parsed : 1;
        await dispatcher.HandleAsync(new ReceivedMessage(messageId, message, "", receiveCount), context.CancellationToken);
    }

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
        var until = DateTimeOffset.UtcNow + SweepBudget;
        var handled = 0;
        while (DateTimeOffset.UtcNow < until)
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

        LogSwept(logger, handled);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch message {MessageId} failed (receive {ReceiveCount}); it stays on the queue")]
    private static partial void LogDispatchFailed(ILogger logger, string messageId, int receiveCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch sweep handled {Count} message(s)")]
    private static partial void LogSwept(ILogger logger, int count);
}
