using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Takes placed orders off the dispatch queue and tells their workflows they are on their way. Runs on
/// arrival (a queue consumer) and on the dispatch schedule (a drain), as the seed's one-minute rule did.
/// </summary>
public sealed class OrderDispatcher(IWorkflowClient workflows, TimeProvider time, ILogger<OrderDispatcher> logger)
{
    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = JsonSerializer.Deserialize(message.Body, OrdersJsonContext.Default.DispatchNotice)
            ?? throw new JsonException($"Dispatch message {message.MessageId} is empty.");
        var instance = await workflows.GetInstanceAsync(notice.OrderId, cancellationToken: cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            OrderLog.DispatchSkipped(logger, notice.OrderId, instance?.RuntimeStatus.ToString() ?? "missing");
            return;
        }

        await workflows.RaiseEventAsync(notice.OrderId, OrderEvents.Dispatched, new DispatchNotice(notice.OrderId, time.GetUtcNow()), cancellationToken);
        OrderLog.Dispatched(logger, notice.OrderId);
    }

    /// <summary>
    /// The scheduled run: receives until the queue is empty. A message whose handling fails is released for a
    /// later try (and, after the queue's receive limit, goes to its dead-letter queue).
    /// </summary>
    public async Task<int> DrainAsync(IMessageQueue queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var count = 0;
        while (true)
        {
            var messages = await queue.ReceiveAsync(10, TimeSpan.Zero, TimeSpan.FromSeconds(30), cancellationToken);
            if (messages.Count == 0)
            {
                return count;
            }

            var done = new List<ReceivedMessage>(messages.Count);
            foreach (var message in messages)
            {
                try
                {
                    await HandleAsync(message, cancellationToken);
                    done.Add(message);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    OrderLog.DispatchFailed(logger, message.MessageId, exception);
                    await queue.ReleaseAsync(message, TimeSpan.FromSeconds(5), cancellationToken);
                }
            }

            await queue.DeleteAsync(done, cancellationToken);
            count += done.Count;
        }
    }
}
