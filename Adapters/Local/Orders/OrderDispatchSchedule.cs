using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Adapters.Local.Orders;

/// <summary>
/// The seed's scheduled dispatcher: every <see cref="OrderOptions.DispatchInterval"/> it drains the dispatch
/// queue, so an order whose "on arrival" handling failed is still dispatched within one interval.
/// </summary>
public sealed partial class OrderDispatchSchedule(
    IQueueProvider queues, OrderDispatcher dispatcher, OrderOptions options, TimeProvider time, ILogger<OrderDispatchSchedule> logger) : BackgroundService
{
    /// <summary>A long-running host has no deadline: it drains until the queue is empty, and a failure waits 5 s.</summary>
    private static readonly DispatchDrainOptions Drain = new() { WaitTime = TimeSpan.Zero, RetryDelay = TimeSpan.FromSeconds(5) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DispatchInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DrainAsync(queues.GetQueue(QueueNames.OrderDispatch), Drain, () => TimeSpan.MaxValue, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDrainFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled dispatch failed; it runs again at the next interval")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
