using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portable.Core.Settings;
using Portable.Core.Telemetry;
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
/// One writer flushes whatever waits. The others (up to <see cref="CoalescingOptions.Writers"/> flushes at once) join
/// while a backlog waits behind running flushes, one for every <see cref="CoalescingOptions.OverlapRows"/> rows of it:
/// a backlog worth a transaction of its own goes at once, but a few rows wait for the next flush rather than make a
/// small transaction, whose cost per row on the host and on the database is what limits ingest when the CPU does.
/// </remarks>
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

    /// <summary>Started by the first append, so a process that never writes a log (most Lambda API requests) starts no threads for it.</summary>
    private readonly Lazy<Task[]> _writers;

    /// <summary>Released when the rows waiting reach <see cref="CoalescingOptions.OverlapRows"/>: one more flush may start.</summary>
    private readonly SemaphoreSlim _backlog = new(0);

    /// <summary>Rows queued and not yet taken by a writer (see <see cref="Queued"/>).</summary>
    private int _waitingRows;
    private volatile bool _disposing;

    public CoalescingErrorLogStore(IErrorLogStore inner, CoalescingOptions options, ILogger<CoalescingErrorLogStore> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _inner = inner;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<CoalescingAppend>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.Writers == 1,
        });
        _writers = new Lazy<Task[]>(StartWriters);
    }

    private Task[] StartWriters()
    {
        var writers = new Task[_options.Writers];
        writers[0] = Task.Run(WriteLoopAsync);
        for (var i = 1; i < writers.Length; i++)
        {
            writers[i] = Task.Run(OverlapLoopAsync);
        }

        return writers;
    }

    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<ErrorLog> logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (logs.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        // No async method of its own: a caller that finds room in the queue waits on its append's task alone.
        var append = new CoalescingAppend(logs, cancellationToken);
        _ = _writers.Value;
        if (!_queue.Writer.TryWrite(append))
        {
            return QueueAsync(append);
        }

        Queued(logs.Count);
        return append.Task;
    }

    /// <summary>Waits for room in a full queue; a closed queue means the store is disposed.</summary>
    private async Task<IReadOnlyList<long>> QueueAsync(CoalescingAppend append)
    {
        try
        {
            await _queue.Writer.WriteAsync(append, append.CancellationToken);
        }
        catch (ChannelClosedException exception)
        {
            append.Cancel();
            throw new ObjectDisposedException(nameof(CoalescingErrorLogStore), exception);
        }
        catch (OperationCanceledException)
        {
            append.Cancel();
            throw;
        }

        Queued(append.Logs.Count);
        return await append.Task;
    }

    /// <summary>
    /// Counts rows once they are in the queue (writers uncount them as they take them, so the count may dip below zero
    /// between the two) and wakes one more writer each time the backlog reaches another multiple of
    /// <see cref="CoalescingOptions.OverlapRows"/>.
    /// </summary>
    private void Queued(int rows)
    {
        var waiting = Interlocked.Add(ref _waitingRows, rows);
        var reached = Math.Max(0, waiting) / _options.OverlapRows - (Math.Max(0, waiting - rows) / _options.OverlapRows);
        if (reached > 0 && _options.Writers > 1)
        {
            _backlog.Release(Math.Min(reached, _options.Writers - 1));
        }
    }

    /// <summary>Reads are not coalesced: they go straight to the inner store.</summary>
    public Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? deviceId, int limit, CancellationToken cancellationToken) =>
        _inner.RecentAsync(deviceId, limit, cancellationToken);

    /// <summary>Stops taking appends and flushes everything already queued before returning.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();

        // An append starts the writers before it enters the queue: none started means nothing was queued.
        if (!_writers.IsValueCreated)
        {
            return;
        }

        var writers = _writers.Value;
        await writers[0];
        _disposing = true;
        if (writers.Length > 1)
        {
            _backlog.Release(writers.Length - 1);
        }

        await Task.WhenAll(writers);
    }

    /// <summary>The first writer: flushes whatever waits, as soon as it is free, until the queue is closed and empty.</summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<CoalescingAppend>();
        CoalescingAppend? carried = null;
        while (carried is not null || await _queue.Reader.WaitToReadAsync())
        {
            var rows = TakeBatch(batch, ref carried);
            if (batch.Count > 0)
            {
                await FlushAsync(batch, rows);
            }
        }
    }

    /// <summary>The other writers: each wakes when a backlog builds and flushes while it lasts.</summary>
    private async Task OverlapLoopAsync()
    {
        var batch = new List<CoalescingAppend>();
        while (true)
        {
            await _backlog.WaitAsync();
            if (_disposing)
            {
                return;
            }

            CoalescingAppend? carried = null;
            while (carried is not null || Volatile.Read(ref _waitingRows) >= _options.OverlapRows)
            {
                var rows = TakeBatch(batch, ref carried);
                if (batch.Count > 0)
                {
                    await FlushAsync(batch, rows);
                }
                else if (carried is null)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="batch"/> from the queue up to the row limit. A request that does not fit is carried to
    /// the same writer's next flush, so no flush exceeds the limit unless one request alone does; peeking instead
    /// would race with the other writers.
    /// </summary>
    private int TakeBatch(List<CoalescingAppend> batch, ref CoalescingAppend? carried)
    {
        batch.Clear();
        var rows = 0;
        if (carried is not null)
        {
            rows = Take(batch, carried);
            carried = null;
        }

        while (rows < _options.MaxRowsPerFlush && _queue.Reader.TryRead(out var next))
        {
            Interlocked.Add(ref _waitingRows, -next.Logs.Count);
            if (rows > 0 && rows + next.Logs.Count > _options.MaxRowsPerFlush)
            {
                carried = next;
                break;
            }

            rows += Take(batch, next);
        }

        return rows;
    }

    /// <summary>Adds the request to the batch unless its caller has gone; returns the rows added.</summary>
    private static int Take(List<CoalescingAppend> batch, CoalescingAppend append)
    {
        if (append.CancellationToken.IsCancellationRequested)
        {
            append.Cancel();
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
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Never a caller's token: one caller going away must not abort the others' transaction.
            ids = await _inner.AppendAsync(logs, CancellationToken.None);
            PortableMetrics.ErrorLogsFlushed(batch.Count, rows, Stopwatch.GetElapsedTime(started));
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
