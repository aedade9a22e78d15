using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Adapters.Hosting.Orders;

/// <summary>
/// The seed's scheduled dispatcher: every <see cref="OrderOptions.DispatchInterval"/> it drains the dispatch
/// queue, so an order whose "on arrival" handling failed is still dispatched within one interval.
/// </summary>
public sealed partial class OrderDispatchSchedule(
    IQueueProvider queues, OrderDispatcher dispatcher, OrderOptions options, TimeProvider time, ILogger<OrderDispatchSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DispatchInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var dispatched = await dispatcher.DrainAsync(queues.GetQueue(QueueNames.OrderDispatch), stoppingToken);
                if (dispatched > 0)
                {
                    LogDrained(logger, dispatched);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDrainFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled dispatch sent {Count} order(s) on their way")]
    private static partial void LogDrained(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled dispatch failed; it runs again at the next interval")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
