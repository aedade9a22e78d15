using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// One poll-dispatch loop, as go-workflows' workers have it, for orchestration steps and activities alike: it waits for
/// a free slot, claims as many items as there are free slots in one call, and starts each. While it finds nothing it
/// sleeps until its signal wakes it (one loop per item of new work), the next due message (when it knows how to ask),
/// or a poll interval that doubles from the minimum to the maximum and stays there: finding work does not shorten it,
/// since the work of this process comes by signal and polls only look for other processes' work. Beside it, when asked to, the leases of the items running are renewed. Stopping ends the
/// claiming; the loop returns once what runs has finished.
/// </summary>
/// <param name="slots">Items run at once.</param>
/// <param name="claimAsync">Claims up to the given number of items; none when there is no work.</param>
/// <param name="runAsync">Runs a claimed item to its end; it handles its own failures.</param>
/// <param name="signal">Announces new work.</param>
/// <param name="nextDueAsync">The next time work becomes ready of itself (a timer), if the loop should wait for it.</param>
/// <param name="renewLeasesAsync">Renews the leases of the items the given function returns until cancelled, if they need it.</param>
/// <param name="options">The polling intervals.</param>
/// <param name="time">The clock of the waits.</param>
/// <param name="logger">Where failed polls are logged.</param>
internal sealed class PollLoop<T>(
    int slots,
    Func<int, CancellationToken, Task<IReadOnlyList<T>>> claimAsync,
    Func<T, Task> runAsync,
    WorkSignal signal,
    Func<CancellationToken, Task<DateTimeOffset?>>? nextDueAsync,
    Func<Func<IReadOnlyCollection<T>>, CancellationToken, Task>? renewLeasesAsync,
    DurableOptions options,
    TimeProvider time,
    ILogger logger)
    where T : class
{
    private readonly ConcurrentDictionary<T, Task> _running = new(ReferenceEqualityComparer.Instance);

    /// <param name="stopping">Ends the claiming.</param>
    /// <param name="aborting">Ends the lease renewal at once (the items running have it in their own hands).</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken aborting)
    {
        using var free = new SemaphoreSlim(slots, slots);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        var renewing = renewLeasesAsync?.Invoke(() => [.. _running.Keys], renewal.Token) ?? Task.CompletedTask;
        var backoff = options.MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await free.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Claim as many as there are free slots, in one round trip.
            var count = 1;
            while (count < slots && free.Wait(0))
            {
                count++;
            }

            // Taken before the claim, so that work announced in between is not missed.
            using var ticket = signal.Take();
            var batch = await ClaimAsync(count, stopping);
            if (count > batch.Count)
            {
                free.Release(count - batch.Count);
            }

            if (batch.Count == 0)
            {
                await IdleAsync(ticket.Woken, backoff, stopping);
                backoff = Grow(backoff);
                continue;
            }

            // The backoff stays where idleness took it: a loop that found work claims again at once, work of this
            // process wakes it by signal, and polling is left to find only other processes' work and lost signals.
            foreach (var item in batch)
            {
                Start(item, free);
            }
        }

        await Task.WhenAll(_running.Values);
        await renewal.CancelAsync();
        await renewing;
    }

    private async Task<IReadOnlyList<T>> ClaimAsync(int count, CancellationToken stopping)
    {
        try
        {
            return await claimAsync(count, stopping);
        }
        catch (Exception exception)
        {
            if (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                DurableLog.PollFailed(logger, exception);
            }

            return [];
        }
    }

    private void Start(T item, SemaphoreSlim free)
    {
        // Listed before it starts, so that an item that ends at once is not left behind in the list.
        _running[item] = Task.CompletedTask;
        var running = RunOneAsync(item, free);
        _running.TryUpdate(item, running, Task.CompletedTask);
    }

    private async Task RunOneAsync(T item, SemaphoreSlim free)
    {
        try
        {
            await runAsync(item);
        }
        finally
        {
            _running.TryRemove(item, out _);
            free.Release();
        }
    }

    private async Task IdleAsync(Task wake, TimeSpan backoff, CancellationToken stopping)
    {
        var delay = backoff;
        try
        {
            if (nextDueAsync is not null && await nextDueAsync(stopping) is { } next)
            {
                var untilDue = next - time.GetUtcNow();
                delay = untilDue < delay ? untilDue : delay;
            }

            await WakeSignal.WaitAsync(wake, delay, time, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            DurableLog.PollFailed(logger, exception);
            await WakeSignal.WaitAsync(wake, backoff, time, CancellationToken.None);
        }
    }

    private TimeSpan Grow(TimeSpan backoff)
    {
        var next = backoff * 2;
        return next > options.MaxPollingInterval ? options.MaxPollingInterval : next;
    }
}
