using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portable.Core.Validation;

namespace Portable.Core.ErrorLogs;

/// <summary>
/// Turns many concurrent appends into few large ones, for any store. Callers queue; a writer takes everything
/// waiting (up to <see cref="CoalescingOptions.MaxRowsPerFlush"/> rows), makes ONE inner append, which is one
/// transaction, and hands each caller its own ids only once that has committed. There is no timer: a writer
/// flushes as soon as it is free, so an idle store adds no latency and a busy one batches by itself while the
/// previous flush commits.
/// </summary>
/// <remarks>
/// A failed flush fails every request in it and acknowledges none. When the failure is not the store being
/// unavailable (say, one request holds a row the database refuses), the requests are retried one by one so
/// that one bad request cannot fail the others. A caller cancelled while it waits is dropped from the queue;
/// one cancelled during its flush is told so at once, and its rows may still commit, unacknowledged.
/// </remarks>
public sealed partial class CoalescingErrorLogStore : IErrorLogStore, IAsyncDisposable
{
    private readonly IErrorLogStore _inner;
    private readonly CoalescingOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<CoalescingAppend> _queue;
    private readonly Task[] _writers;

    public CoalescingErrorLogStore(IErrorLogStore inner, CoalescingOptions options, ILogger<CoalescingErrorLogStore> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _inner = inner;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<CoalescingAppend>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.Writers == 1,
        });
        _writers = new Task[options.Writers];
        for (var i = 0; i < _writers.Length; i++)
        {
            _writers[i] = Task.Run(WriteLoopAsync);
        }
    }

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.Count == 0)
        {
            return [];
        }

        var append = new CoalescingAppend(logs, cancellationToken);
        try
        {
            await _queue.Writer.WriteAsync(append, cancellationToken);
        }
        catch (ChannelClosedException exception)
        {
            throw new ObjectDisposedException(nameof(CoalescingErrorLogStore), exception);
        }

        return await append.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Reads are not coalesced: they go straight to the inner store.</summary>
    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken) =>
        _inner.RecentAsync(deviceId, limit, cancellationToken);

    /// <summary>Stops taking appends and flushes everything already queued before returning.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<CoalescingAppend>();
        // A request that did not fit the previous flush opens the next one, so no flush exceeds the row limit
        // unless one request alone does; peeking instead would race with the other writers.
        CoalescingAppend? carried = null;
        while (carried is not null || await reader.WaitToReadAsync())
        {
            batch.Clear();
            var rows = 0;
            if (carried is not null)
            {
                rows = Take(batch, carried);
                carried = null;
            }

            while (rows < _options.MaxRowsPerFlush && reader.TryRead(out var next))
            {
                if (rows > 0 && rows + next.Logs.Count > _options.MaxRowsPerFlush)
                {
                    carried = next;
                    break;
                }

                rows += Take(batch, next);
            }

            if (batch.Count > 0)
            {
                await FlushAsync(batch, rows);
            }
        }
    }

    /// <summary>Adds the request to the batch unless its caller has gone; returns the rows added.</summary>
    private static int Take(List<CoalescingAppend> batch, CoalescingAppend append)
    {
        if (append.CancellationToken.IsCancellationRequested)
        {
            append.Completion.TrySetCanceled(append.CancellationToken);
            return 0;
        }

        batch.Add(append);
        return append.Logs.Count;
    }

    private async Task FlushAsync(List<CoalescingAppend> batch, int rows)
    {
        var logs = new List<ErrorLog>(rows);
        foreach (var append in batch)
        {
            logs.AddRange(append.Logs);
        }

        IReadOnlyList<long> ids;
        try
        {
            // Never a caller's token: one caller going away must not abort the others' transaction.
            ids = await _inner.AppendAsync(logs, CancellationToken.None);
        }
        catch (Exception exception) when (batch.Count > 1 && exception is not (UnavailableException or OperationCanceledException))
        {
            // The store refused the transaction as a whole, so nothing of it was written: give each request its own.
            LogIsolating(_logger, batch.Count, rows, exception);
            foreach (var append in batch)
            {
                await FlushAsync([append], append.Logs.Count);
            }

            return;
        }
        catch (Exception exception)
        {
            LogFlushFailed(_logger, batch.Count, rows, exception);
            Complete(new CoalescingOutcome([.. batch], null, exception));
            return;
        }

        Complete(ids.Count == rows
            ? new CoalescingOutcome([.. batch], ids, null)
            : new CoalescingOutcome([.. batch], null, new InvalidOperationException($"The store returned {ids.Count} ids for {rows} error logs.")));
    }

    /// <summary>
    /// Completes a flush's callers in one thread-pool work item, where their continuations run one after another:
    /// one dispatch per flush instead of one per caller, and the writer goes on to its next flush at once.
    /// </summary>
    private static void Complete(CoalescingOutcome outcome) =>
        ThreadPool.UnsafeQueueUserWorkItem(static outcome => outcome.Complete(), outcome, preferLocal: false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A flush of {Requests} requests ({Rows} error logs) failed; retrying each request alone.")]
    private static partial void LogIsolating(ILogger logger, int requests, int rows, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A flush of {Requests} requests ({Rows} error logs) failed; none of them is acknowledged.")]
    private static partial void LogFlushFailed(ILogger logger, int requests, int rows, Exception exception);
}
