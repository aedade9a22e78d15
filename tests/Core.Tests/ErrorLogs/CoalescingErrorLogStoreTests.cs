using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.ErrorLogs;
using Portable.Core.Validation;

namespace Portable.Core.Tests.ErrorLogs;

public sealed class CoalescingErrorLogStoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CoalescingErrorLogStore Coalesce(FakeErrorLogStore inner, int writers = 1, int maxRows = 4000, int overlapRows = 32) =>
        new(inner, new CoalescingOptions { Writers = writers, MaxRowsPerFlush = maxRows, OverlapRows = overlapRows }, NullLogger<CoalescingErrorLogStore>.Instance);

    private static ErrorLog[] Logs(string device, int count) =>
        [.. Enumerable.Range(0, count).Select(i => ErrorLog.Create(device, i, 1_700_000_000 + i))];

    /// <summary>Holds the inner store on its first append, so that later callers pile up in the queue.</summary>
    private static async Task<Task<IReadOnlyList<long>>> BlockWithFirstAppendAsync(FakeErrorLogStore inner, CoalescingErrorLogStore store)
    {
        inner.CloseGate();
        var first = store.AppendAsync(Logs("first", 1), CancellationToken.None);
        await inner.Entered.Task.WaitAsync(Timeout);
        return first;
    }

    [Test]
    public async Task One_append_gets_the_ids_of_its_rows_in_order()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);

        var logs = Logs("a", 3);
        var ids = await store.AppendAsync(logs, CancellationToken.None);

        Assert.That(ids, Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(ids.Select(id => inner.Rows[id]), Is.EqualTo(logs));
    }

    [Test]
    public async Task An_empty_append_touches_nothing()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);

        Assert.That(await store.AppendAsync([], CancellationToken.None), Is.Empty);
        Assert.That(inner.Appends, Is.Empty);
    }

    [Test]
    public async Task Requests_waiting_behind_a_flush_go_together_in_the_next_one()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);
        var first = await BlockWithFirstAppendAsync(inner, store);

        var waiting = Enumerable.Range(0, 50).Select(i => store.AppendAsync(Logs($"d{i}", 1 + (i % 4)), CancellationToken.None)).ToList();
        inner.OpenGate();
        await Task.WhenAll(waiting).WaitAsync(Timeout);
        await first;

        Assert.That(inner.Appends, Has.Count.EqualTo(2), "the blocked flush and one flush of everything that waited");
        Assert.That(inner.Appends[1], Has.Count.EqualTo(waiting.Sum(task => task.Result.Count)));
    }

    [Test]
    public async Task A_backlog_flushes_beside_the_running_flush_once_it_reaches_the_overlap_rows_and_not_before()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner, writers: 4, overlapRows: 10);
        var first = await BlockWithFirstAppendAsync(inner, store);
        await inner.NextArrivalAsync().WaitAsync(Timeout);

        // Nine rows are not worth a transaction of their own: they wait. The tenth makes the backlog one.
        var waiting = Enumerable.Range(0, 10).Select(i => store.AppendAsync(Logs($"d{i}", 1), CancellationToken.None)).ToList();
        await inner.NextArrivalAsync().WaitAsync(Timeout);
        inner.OpenGate();
        await Task.WhenAll(waiting).WaitAsync(Timeout);
        await first;

        Assert.That(inner.Appends.Select(append => append.Count).Order(), Is.EqualTo(new[] { 1, 10 }),
            "a second flush ran beside the held one, and took all ten rows: none went alone before the backlog formed");
    }

    [Test]
    public async Task Each_committed_flush_is_measured_on_the_portable_meter()
    {
        var measured = new List<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == "Portable" && instrument.Name.StartsWith("portable.errorlogs.flush.", StringComparison.Ordinal))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Record(instrument.Name, value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument.Name, value));
        listener.Start();
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);
        var first = await BlockWithFirstAppendAsync(inner, store);

        var waiting = new[] { 2, 3, 4 }.Select(count => store.AppendAsync(Logs("d", count), CancellationToken.None)).ToList();
        inner.OpenGate();
        await Task.WhenAll(waiting.Append(first)).WaitAsync(Timeout);

        List<(string Instrument, double Value)> seen;
        lock (measured)
        {
            seen = [.. measured];
        }

        Assert.That(seen.Where(m => m.Instrument == "portable.errorlogs.flush.rows").Select(m => m.Value), Is.EqualTo(new double[] { 1, 9 }));
        Assert.That(seen.Where(m => m.Instrument == "portable.errorlogs.flush.requests").Select(m => m.Value), Is.EqualTo(new double[] { 1, 3 }));
        Assert.That(seen.Where(m => m.Instrument == "portable.errorlogs.flush.duration").Select(m => m.Value).ToList(), Has.Count.EqualTo(2).And.All.GreaterThan(0));

        void Record(string instrument, double value)
        {
            lock (measured)
            {
                measured.Add((instrument, value));
            }
        }
    }

    [Test]
    public async Task Each_caller_gets_only_its_own_ids_in_its_own_order_under_concurrency()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner, writers: 2, maxRows: 64, overlapRows: 8);

        var sent = Enumerable.Range(0, 400).Select(i => Logs($"caller-{i}", 1 + (i % 7))).ToArray();
        var results = await Task.WhenAll(sent.Select(logs => Task.Run(() => store.AppendAsync(logs, CancellationToken.None)))).WaitAsync(Timeout);

        var rows = inner.Rows;
        for (var i = 0; i < sent.Length; i++)
        {
            Assert.That(results[i].Select(id => rows[id]), Is.EqualTo(sent[i]), $"caller {i}");
        }

        Assert.That(results.SelectMany(ids => ids).Distinct().Count(), Is.EqualTo(sent.Sum(logs => logs.Length)));
        Assert.That(inner.Appends.Max(append => append.Count), Is.LessThanOrEqualTo(64));
        Assert.That(inner.Appends, Has.Count.LessThan(sent.Length), "concurrent requests were coalesced");
    }

    [Test]
    public async Task A_flush_never_exceeds_the_row_limit_unless_one_request_alone_does()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner, maxRows: 1000);
        var first = await BlockWithFirstAppendAsync(inner, store);

        var waiting = new[] { 300, 300, 300, 300, 1500, 200 }.Select(count => store.AppendAsync(Logs("d", count), CancellationToken.None)).ToList();
        inner.OpenGate();
        await Task.WhenAll(waiting).WaitAsync(Timeout);
        await first;

        Assert.That(inner.Appends.Skip(1).Select(append => append.Count), Is.EqualTo(new[] { 900, 300, 1500, 200 }));
    }

    [Test]
    public async Task A_failed_flush_fails_every_request_in_it_and_acknowledges_none()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);
        var first = await BlockWithFirstAppendAsync(inner, store);
        var outage = new UnavailableException("The database is down.", TimeSpan.FromSeconds(2));
        inner.Refuse = _ => outage;

        var waiting = Enumerable.Range(0, 10).Select(i => store.AppendAsync(Logs($"d{i}", 2), CancellationToken.None)).ToList();
        inner.OpenGate();

        foreach (var task in waiting.Append(first))
        {
            Assert.That(async () => await task.WaitAsync(Timeout), Throws.InstanceOf<UnavailableException>());
        }

        Assert.That(inner.Rows, Is.Empty);
        Assert.That(inner.Appends, Has.Count.EqualTo(2), "an outage is not retried request by request");

        inner.Refuse = _ => null;
        Assert.That(await store.AppendAsync(Logs("after", 1), CancellationToken.None), Has.Count.EqualTo(1), "the store recovers with its inner store");
    }

    [Test]
    public async Task A_request_the_store_refuses_does_not_fail_the_requests_flushed_with_it()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);
        var first = await BlockWithFirstAppendAsync(inner, store);
        inner.Refuse = logs => logs.Any(log => log.DeviceId == "poison") ? new InvalidOperationException("refused") : null;

        var good = Enumerable.Range(0, 5).Select(i => store.AppendAsync(Logs($"good-{i}", 2), CancellationToken.None)).ToList();
        var poisoned = store.AppendAsync(Logs("poison", 1), CancellationToken.None);
        inner.OpenGate();

        var goodIds = await Task.WhenAll(good).WaitAsync(Timeout);
        await first;
        Assert.That(async () => await poisoned.WaitAsync(Timeout), Throws.InvalidOperationException);
        Assert.That(goodIds.SelectMany(ids => ids).Select(id => inner.Rows[id].DeviceId).Distinct(), Has.Exactly(5).Items);
        Assert.That(inner.Rows.Values.Select(log => log.DeviceId), Has.None.EqualTo("poison"));
    }

    [Test]
    public async Task A_caller_cancelled_while_it_waits_is_never_written()
    {
        var inner = new FakeErrorLogStore();
        await using var store = Coalesce(inner);
        var first = await BlockWithFirstAppendAsync(inner, store);

        using var cancellation = new CancellationTokenSource();
        var cancelled = store.AppendAsync(Logs("cancelled", 3), cancellation.Token);
        var kept = store.AppendAsync(Logs("kept", 1), CancellationToken.None);
        await cancellation.CancelAsync();
        Assert.That(async () => await cancelled.WaitAsync(Timeout), Throws.InstanceOf<OperationCanceledException>());
        inner.OpenGate();

        await kept.WaitAsync(Timeout);
        await first;
        Assert.That(inner.Appends.SelectMany(append => append).Select(log => log.DeviceId), Has.None.EqualTo("cancelled"));
    }

    [Test]
    public async Task Disposing_flushes_what_is_queued_and_refuses_what_comes_after()
    {
        var inner = new FakeErrorLogStore();
        var store = Coalesce(inner);
        var first = await BlockWithFirstAppendAsync(inner, store);
        var queued = store.AppendAsync(Logs("queued", 2), CancellationToken.None);

        var disposing = store.DisposeAsync().AsTask();
        inner.OpenGate();
        await disposing.WaitAsync(Timeout);

        Assert.That(await queued, Has.Count.EqualTo(2));
        Assert.That(await first, Has.Count.EqualTo(1));
        Assert.That(async () => await store.AppendAsync(Logs("late", 1), CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task A_store_disposed_before_its_first_append_ends_at_once_and_refuses_appends_after()
    {
        var inner = new FakeErrorLogStore();
        var store = Coalesce(inner, writers: 3);

        await store.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.That(async () => await store.AppendAsync(Logs("late", 1), CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(inner.Appends, Is.Empty);
    }
}
