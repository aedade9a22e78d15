using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Adapters.Aws.Schedule;

/// <summary>
/// The seed's one-minute dispatcher: receive from the order-dispatch queue, dispatch, delete, until the
/// queue is empty or the time budget runs low. A failed message is given back with a delay (its receive
/// count grows toward the dead-letter queue); one received but not started in time is given back at once.
/// </summary>
public sealed partial class OrderDispatchDrain(DispatchDrainOptions options, TimeProvider time, ILogger<OrderDispatchDrain> logger)
{
    private const int BatchSize = 10;

    /// <summary>Bounds the calls that settle messages, which run without the deadline's token so that nothing is left hanging.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    public async Task<(int Dispatched, int Failed, int Released)> RunAsync(
        IMessageQueue queue, OrderDispatcher dispatcher, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(context);
        int dispatched = 0, failed = 0, released = 0;
        while (!cancellationToken.IsCancellationRequested && context.Remaining >= options.MinimumRemaining)
        {
            var visibility = context.Remaining < options.VisibilityTimeout ? context.Remaining : options.VisibilityTimeout;
            var messages = await queue.ReceiveAsync(BatchSize, options.WaitTime, visibility, cancellationToken);
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
                    await dispatcher.HandleAsync(message, cancellationToken);
                    done.Add(message);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await SettleAsync(token => queue.ReleaseAsync(message, TimeSpan.Zero, token));
                    released++;
                }
                catch (Exception exception)
                {
                    LogFailed(logger, message.MessageId, message.ReceiveCount, exception);
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

        LogDrained(logger, dispatched, failed, released);
        return (dispatched, failed, released);
    }

    private async Task SettleAsync(Func<CancellationToken, Task> settle)
    {
        using var timeout = new CancellationTokenSource(SettleTimeout, time);
        await settle(timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatch message {MessageId} failed (receive {ReceiveCount}); given back for a later try")]
    private static partial void LogFailed(ILogger logger, string messageId, int receiveCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch drain: {Dispatched} dispatched, {Failed} failed, {Released} given back unstarted")]
    private static partial void LogDrained(ILogger logger, int dispatched, int failed, int released);
}
