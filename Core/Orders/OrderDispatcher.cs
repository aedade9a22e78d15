using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Takes placed orders off the <c>order-dispatch</c> queue and tells their workflows they are on their way. Runs on
/// arrival (the queue's consumer) and on the dispatch schedule (a drain), as the seed's one-minute rule did.
/// </summary>
public sealed class OrderDispatcher(IWorkflowClient workflows, TimeProvider time, ILogger<OrderDispatcher> logger) : IQueueConsumer
{
    private const int DrainBatchSize = 10;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

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
    /// The scheduled run: receive, dispatch, delete, until the queue is empty or less than
    /// <see cref="DispatchDrainOptions.MinimumRemaining"/> of the time budget is left. A failed message is given back
    /// with a delay (its receive count grows toward the dead-letter queue); one received but not started before
    /// cancellation is given back at once.
    /// </summary>
    /// <param name="queue">The dispatch queue.</param>
    /// <param name="options">Receive and retry settings.</param>
    /// <param name="remaining">The time left to the caller (an invocation's deadline), or <see cref="TimeSpan.MaxValue"/>.</param>
    /// <param name="cancellationToken">Stops the run; messages already received are given back.</param>
    public async Task<DispatchDrainResult> DrainAsync(IMessageQueue queue, DispatchDrainOptions options, Func<TimeSpan> remaining, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(remaining);
        int dispatched = 0, failed = 0, released = 0;
        while (!cancellationToken.IsCancellationRequested && remaining() >= options.MinimumRemaining)
        {
            var left = remaining();
            var messages = await queue.ReceiveAsync(DrainBatchSize, options.WaitTime, left < options.VisibilityTimeout ? left : options.VisibilityTimeout, cancellationToken);
            if (messages.Count == 0)
            {
                break;
            }

            var done = new List<ReceivedMessage>(messages.Count);
            foreach (var message in messages)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await SettleAsync(token => queue.ReleaseAsync(message, TimeSpan.Zero, token));
                    released++;
                    continue;
                }

                try
                {
                    await HandleAsync(message, cancellationToken);
                    done.Add(message);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await SettleAsync(token => queue.ReleaseAsync(message, TimeSpan.Zero, token));
                    released++;
                }
                catch (Exception exception)
                {
                    OrderLog.DispatchFailed(logger, message.MessageId, message.ReceiveCount, exception);
                    await SettleAsync(token => queue.ReleaseAsync(message, options.RetryDelay, token));
                    failed++;
                }
            }

            if (done.Count > 0)
            {
                await SettleAsync(token => queue.DeleteAsync(done, token));
                dispatched += done.Count;
            }
        }

        OrderLog.Drained(logger, dispatched, failed, released);
        return new DispatchDrainResult(dispatched, failed, released);
    }

    /// <summary>Settles received messages without the run's token, bounded, so that nothing is left hanging.</summary>
    private async Task SettleAsync(Func<CancellationToken, Task> settle)
    {
        using var timeout = new CancellationTokenSource(SettleTimeout, time);
        await settle(timeout.Token);
    }
}
