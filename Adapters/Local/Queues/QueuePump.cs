using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Telemetry;

namespace Portable.Adapters.Local.Queues;

/// <summary>
/// The consumer loop any host can run over any <see cref="IMessageQueue"/>: receives batches, runs the handler with
/// bounded concurrency, keeps running work hidden, deletes successes in batches, and gives failures back with
/// exponential backoff until the queue's redrive moves them to its dead-letter queue. Delivery is at least once, so
/// handlers must be idempotent.
/// </summary>
public sealed partial class QueuePump
{
    private const int DeleteBatchSize = 10;

    /// <summary>Bounds the calls that settle messages, which run without the stopping token so that shutdown loses nothing.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstReceiveRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReceiveRetryDelay = TimeSpan.FromSeconds(30);

    private static readonly Func<ILogger, string, string, string?, IDisposable?> MessageScope =
        LoggerMessage.DefineScope<string, string, string?>("Queue {Queue} message {MessageId} (dedup id {DeduplicationId})");

    private readonly IMessageQueue _queue;
    private readonly Func<ReceivedMessage, CancellationToken, Task> _handler;
    private readonly QueuePumpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QueuePump(
        IMessageQueue queue,
        Func<ReceivedMessage, CancellationToken, Task> handler,
        QueuePumpOptions options,
        TimeProvider timeProvider,
        ILogger<QueuePump> logger)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _queue = queue;
        _handler = handler;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Consumes until <paramref name="stoppingToken"/> is cancelled. Running handlers see that token; the pump then
    /// waits for them, deletes what they finished and gives back what they did not. On SQS a long poll cut short by
    /// the stop may still have taken messages on the server's side: those come back after the visibility timeout.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var deletes = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleReader = true });
        var deleter = DeleteLoopAsync(deletes.Reader);
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var running = new List<Task>();
        try
        {
            var receiveFailures = 0;
            while (await TakeSlotsAsync(slots, stoppingToken) is var free and > 0)
            {
                IReadOnlyList<ReceivedMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(free, _options.WaitTime, _options.VisibilityTimeout, stoppingToken);
                    receiveFailures = 0;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    break;
                }
                catch (Exception exception)
                {
                    slots.Release(free);
                    var delay = Backoff(FirstReceiveRetryDelay, ++receiveFailures, MaxReceiveRetryDelay);
                    LogReceiveFailed(_logger, exception, _queue.Name, delay);
                    if (!await DelayAsync(delay, stoppingToken))
                    {
                        break;
                    }

                    continue;
                }

                var units = ByGroup(messages);
                if (free > units.Count)
                {
                    slots.Release(free - units.Count);
                }

                foreach (var unit in units)
                {
                    running.Add(RunUnitAsync(unit, deletes.Writer, slots, stoppingToken));
                }

                running.RemoveAll(task => task.IsCompleted);
            }
        }
        finally
        {
            try
            {
                await Task.WhenAll(running);
            }
            finally
            {
                deletes.Writer.Complete();
                await deleter;
            }
        }
    }

    /// <summary>Waits for one free handler slot, then takes as many more as are free, up to a batch.</summary>
    private async Task<int> TakeSlotsAsync(SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await slots.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return 0;
        }

        var taken = 1;
        while (taken < _options.BatchSize && slots.Wait(0))
        {
            taken++;
        }

        return taken;
    }

    /// <summary>One unit per message, except that one FIFO group's messages form one unit that runs them in order.</summary>
    private static List<List<ReceivedMessage>> ByGroup(IReadOnlyList<ReceivedMessage> messages)
    {
        var units = new List<List<ReceivedMessage>>(messages.Count);
        var groups = new Dictionary<string, List<ReceivedMessage>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.GroupId is null)
            {
                units.Add([message]);
            }
            else if (groups.TryGetValue(message.GroupId, out var group))
            {
                group.Add(message);
            }
            else
            {
                group = [message];
                groups.Add(message.GroupId, group);
                units.Add(group);
            }
        }

        return units;
    }

    /// <summary>Runs a unit in one slot; every message of it stays hidden until it is settled.</summary>
    private async Task RunUnitAsync(List<ReceivedMessage> unit, ChannelWriter<ReceivedMessage> deletes, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var settled = new StrongBox<int>();
        using var gate = new SemaphoreSlim(1, 1);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = KeepHiddenAsync(unit, settled, gate, stopHeartbeat.Token);
        try
        {
            var held = false;
            foreach (var message in unit)
            {
                // After a failure the rest of its group goes back unrun, so that the group is never handled out of order.
                var outcome = held || stoppingToken.IsCancellationRequested
                    ? HandlerOutcome.Unprocessed
                    : await HandleAsync(message, stoppingToken);
                held |= outcome != HandlerOutcome.Succeeded;

                // The gate keeps the heartbeat from extending a message after it has been released.
                await gate.WaitAsync(CancellationToken.None);
                try
                {
                    await SettleAsync(message, outcome, deletes);
                    settled.Value++;
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
            slots.Release();
        }
    }

    private async Task<HandlerOutcome> HandleAsync(ReceivedMessage message, CancellationToken stoppingToken)
    {
        using var scope = MessageScope(_logger, _queue.Name, message.MessageId, message.DeduplicationId);
        using var activity = QueueTracing.StartProcess(_queue.Name, message);
        try
        {
            await _handler(message, stoppingToken);
            return HandlerOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return HandlerOutcome.Unprocessed;
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(activity, exception);
            LogHandlerFailed(_logger, exception, _queue.Name, message.MessageId, message.DeduplicationId, message.ReceiveCount);
            if (IsLastReceive(message))
            {
                LogDeadLettering(_logger, _queue.Name, message.MessageId, message.DeduplicationId, message.ReceiveCount);
            }

            return HandlerOutcome.Failed;
        }
    }

    private async Task SettleAsync(ReceivedMessage message, HandlerOutcome outcome, ChannelWriter<ReceivedMessage> deletes)
    {
        if (outcome == HandlerOutcome.Succeeded)
        {
            // Unbounded, and completed only after every unit has finished: the write always succeeds.
            _ = deletes.TryWrite(message);
            return;
        }

        TimeSpan delay;
        if (outcome == HandlerOutcome.Unprocessed)
        {
            LogGivenBack(_logger, _queue.Name, message.MessageId, message.DeduplicationId);
            delay = TimeSpan.Zero;
        }
        else
        {
            // After the last allowed receive it goes back at once, so that the next receive moves it to the dead-letter queue.
            delay = IsLastReceive(message) ? TimeSpan.Zero : Backoff(_options.RetryDelay, message.ReceiveCount, _options.MaxRetryDelay);
        }

        using var timeout = new CancellationTokenSource(SettleTimeout, _time);
        try
        {
            await _queue.ReleaseAsync(message, delay, timeout.Token);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(_logger, exception, _queue.Name, message.MessageId, message.DeduplicationId);
        }
    }

    private bool IsLastReceive(ReceivedMessage message) => _queue.MaxReceiveCount is { } max && message.ReceiveCount >= max;

    /// <summary>Extends, every half visibility timeout, each message of the unit that is not settled yet.</summary>
    private async Task KeepHiddenAsync(List<ReceivedMessage> unit, StrongBox<int> settled, SemaphoreSlim gate, CancellationToken token)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.VisibilityTimeout / 2, _time, token);
                await gate.WaitAsync(token);
                try
                {
                    for (var i = settled.Value; i < unit.Count; i++)
                    {
                        await ExtendAsync(unit[i], token);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The unit is settled.
        }
    }

    private async Task ExtendAsync(ReceivedMessage message, CancellationToken token)
    {
        try
        {
            await _queue.ExtendVisibilityAsync(message, _options.VisibilityTimeout, token);
        }
        catch (Exception exception) when (!token.IsCancellationRequested)
        {
            LogExtendFailed(_logger, exception, _queue.Name, message.MessageId, message.DeduplicationId);
        }
    }

    /// <summary>Deletes handled messages in batches; drains until the pump has stopped, so that no success goes unacknowledged.</summary>
    private async Task DeleteLoopAsync(ChannelReader<ReceivedMessage> reader)
    {
        var batch = new List<ReceivedMessage>(DeleteBatchSize);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < DeleteBatchSize && reader.TryRead(out var message))
            {
                batch.Add(message);
            }

            using var timeout = new CancellationTokenSource(SettleTimeout, _time);
            try
            {
                await _queue.DeleteAsync(batch, timeout.Token);
            }
            catch (Exception exception)
            {
                LogDeleteFailed(_logger, exception, _queue.Name, batch.Count, string.Join(", ", batch.Select(message => message.MessageId)));
            }

            batch.Clear();
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, _time, token);
            return true;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return false;
        }
    }

    private static TimeSpan Backoff(TimeSpan first, int attempt, TimeSpan max)
    {
        var ticks = first.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, max.Ticks));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: receive failed; trying again in {Delay}")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} (dedup id {DeduplicationId}) failed on receive {ReceiveCount}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string queue, string messageId, string? deduplicationId, int receiveCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: message {MessageId} (dedup id {DeduplicationId}) failed {ReceiveCount} times and will go to the dead-letter queue")]
    private static partial void LogDeadLettering(ILogger logger, string queue, string messageId, string? deduplicationId, int receiveCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: message {MessageId} (dedup id {DeduplicationId}) given back unprocessed")]
    private static partial void LogGivenBack(ILogger logger, string queue, string messageId, string? deduplicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: releasing message {MessageId} (dedup id {DeduplicationId}) failed; it comes back when its visibility lapses")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string queue, string messageId, string? deduplicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: extending the visibility of message {MessageId} (dedup id {DeduplicationId}) failed; it may be delivered again while it runs")]
    private static partial void LogExtendFailed(ILogger logger, Exception exception, string queue, string messageId, string? deduplicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: deleting {Count} handled messages failed; they will be delivered again: {MessageIds}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string queue, int count, string messageIds);
}
