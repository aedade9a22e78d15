using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// One poll-dispatch loop, as go-workflows' workers have it, for orchestration steps and activities alike: it claims up
/// to <paramref name="perClaim"/> items in one call when a slot is free, and starts each. It looks at the store only
/// when there is reason to: at its start, when its signal announces work of this process, at once again when a claim
/// found work and said more was ready, when the time an empty claim named comes (a timer), and when nothing looked for
/// the poll interval (its own claims or, for activities, the instance claims, which say whether one is claimable): only
/// other processes' work comes unannounced, and any claim would have found it (claims take the oldest ready work first). That interval starts at <see cref="DurableOptions.MaxPollingInterval"/>, drops to
/// <see cref="DurableOptions.MinPollingInterval"/> when a poll finds work no signal announced (another process is
/// producing), and doubles back while polls find nothing. Beside it, when asked to, the leases of the items running
/// are renewed. Stopping ends the claiming; the loop returns once what runs has finished.
/// </summary>
/// <param name="work">The work it claims, for the claims counter (<see cref="DurableClaims"/>).</param>
/// <param name="slots">Items run at once.</param>
/// <param name="perClaim">Items one claim may take.</param>
/// <param name="claimAsync">Claims up to the given number of items; none when there is no work, and then maybe when the next is due.</param>
/// <param name="runAsync">Runs a claimed item to its end; it handles its own failures.</param>
/// <param name="signal">Announces new work of this process.</param>
/// <param name="renewLeasesAsync">Renews the leases of the items the given function returns until cancelled, if they need it.</param>
/// <param name="lookedElsewhere">When another loop last looked for this loop's work, if one does: the poll waits for the interval after it.</param>
/// <param name="options">The polling intervals.</param>
/// <param name="time">The clock of the waits.</param>
/// <param name="logger">Where failed polls are logged.</param>
internal sealed class PollLoop<T>(
    string work,
    int slots,
    int perClaim,
    Func<int, CancellationToken, Task<PolledWork<T>>> claimAsync,
    Func<T, Task> runAsync,
    WorkSignal signal,
    Func<Func<IReadOnlyCollection<T>>, CancellationToken, Task>? renewLeasesAsync,
    LastLook? lookedElsewhere,
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
        var interval = options.MaxPollingInterval;
        var lastLook = time.GetUtcNow();
        DateTimeOffset? due = null;
        var cause = ClaimCause.Start;
        while (!stopping.IsCancellationRequested)
        {
            if (cause is ClaimCause.None)
            {
                cause = await WaitForWorkAsync(due, lastLook, interval, stopping);
                if (cause is ClaimCause.None)
                {
                    break;
                }
            }

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
            while (count < perClaim && free.Wait(0))
            {
                count++;
            }

            // The claim looks for the work announced so far; what is announced from now on is counted for the next.
            signal.TryTake();
            var claim = await ClaimAsync(count, stopping);
            if (count > claim.Items.Count)
            {
                free.Release(count - claim.Items.Count);
            }

            lastLook = time.GetUtcNow();
            DurableClaims.Record(work, cause, claim.Items.Count > 0);
            if (claim.Items.Count == 0)
            {
                due = claim.NextDue;
                interval = cause is ClaimCause.Poll ? Grow(interval) : interval;
                cause = ClaimCause.None;
                continue;
            }

            // Work no signal announced: another process produces it, so poll more often for a while.
            interval = cause is ClaimCause.Poll ? options.MinPollingInterval : interval;
            due = due <= lastLook ? null : due;
            cause = claim.More ? ClaimCause.More : ClaimCause.None;
            foreach (var item in claim.Items)
            {
                Start(item, free);
            }
        }

        await Task.WhenAll(_running.Values);
        await renewal.CancelAsync();
        await renewing;
    }

    private async Task<PolledWork<T>> ClaimAsync(int count, CancellationToken stopping)
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

            return new PolledWork<T>([], false, null);
        }
    }

    /// <summary>Waits for announced work, the due time or the next poll, whichever comes first; None when stopping.</summary>
    private async Task<ClaimCause> WaitForWorkAsync(DateTimeOffset? due, DateTimeOffset lastLook, TimeSpan interval, CancellationToken stopping)
    {
        while (true)
        {
            var announced = signal.WaitAsync();
            if (announced.IsCompleted)
            {
                return ClaimCause.Signal;
            }

            var looked = lookedElsewhere is { At: var elsewhere } && elsewhere > lastLook ? elsewhere : lastLook;
            var pollAt = looked + interval;
            var (until, cause) = due is { } next && next < pollAt ? (next, ClaimCause.Due) : (pollAt, ClaimCause.Poll);
            var delay = until - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                var elapsed = Task.Delay(delay, time, waiting.Token);
                var first = await Task.WhenAny(announced, elapsed);
                await waiting.CancelAsync();
                if (first == announced)
                {
                    return ClaimCause.Signal;
                }
            }

            if (stopping.IsCancellationRequested)
            {
                return ClaimCause.None;
            }

            // Another loop may have looked meanwhile, which moves the poll on.
            if (cause is ClaimCause.Due || lookedElsewhere is null || lookedElsewhere.At <= looked)
            {
                return cause;
            }
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

    private TimeSpan Grow(TimeSpan interval)
    {
        var next = interval * 2;
        return next > options.MaxPollingInterval ? options.MaxPollingInterval : next;
    }
}
