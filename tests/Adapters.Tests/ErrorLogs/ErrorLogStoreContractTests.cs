using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.ErrorLogs;

namespace Portable.Adapters.Tests.ErrorLogs;

/// <summary>
/// What every <see cref="IErrorLogStore"/> promises, run against each implementation by a subclass that supplies an
/// empty store for every test; each subclass runs once on its store alone and once through the coalescing decorator.
/// </summary>
public abstract class ErrorLogStoreContractTests(bool coalesced)
{
    private IErrorLogStore? _store;

    protected IErrorLogStore Store => _store ?? throw new InvalidOperationException("The store is made in SetUp.");

    /// <summary>A store over an empty <c>Logs</c> table.</summary>
    protected abstract Task<IErrorLogStore> CreateEmptyStoreAsync();

    /// <summary>The dashboard's readings over the table of the store made last.</summary>
    protected abstract IErrorLogReadings Readings { get; }

    [SetUp]
    public async Task CreateStore()
    {
        var store = await CreateEmptyStoreAsync();
        _store = coalesced ? new CoalescingErrorLogStore(store, new CoalescingOptions(), NullLogger<CoalescingErrorLogStore>.Instance) : store;
    }

    [TearDown]
    public async Task ReleaseStore()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        _store = null;
    }

    private static ErrorLog Log(string device, int number, long stamp) => ErrorLog.Create(device, number, stamp);

    [Test]
    public async Task Logs_are_counted_per_minute_and_per_device_from_the_start_of_the_window_on()
    {
        const long minute = 1_700_000_040; // a minute's first second
        await AppendAsync(
            Log("before-window", 1, minute - 1),
            Log("pump/1", 1, minute), Log("pump/1", 2, minute + 59), Log("pump/2", 3, minute + 30),
            Log("pump/1", 4, minute + 60), Log("pump/3", 5, minute + 185));

        var perMinute = await Readings.PerMinuteAsync(minute, CancellationToken.None);
        var devices = await Readings.TopDevicesAsync(minute, 2, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(perMinute, Is.EqualTo(new[] { new MinuteCount(minute, 3), new MinuteCount(minute + 60, 1), new MinuteCount(minute + 180, 1) }));
            Assert.That(devices, Is.EqualTo(new[] { new DeviceCount("pump/1", 3), new DeviceCount("pump/2", 1) }), "most first, ties by name, cut at the limit");
        });
    }

    private Task<IReadOnlyList<long>> AppendAsync(params ErrorLog[] logs) => Store.AppendAsync(logs, CancellationToken.None);

    private Task<IReadOnlyList<StoredErrorLog>> RecentAsync(string? device = null, int limit = 10) => Store.RecentAsync(device, limit, CancellationToken.None);

    private async Task<IReadOnlyList<StoredErrorLog>> AllAsync() => await RecentAsync(limit: 100_000);

    [Test]
    public async Task Append_returns_one_new_id_per_log_in_input_order()
    {
        ErrorLog[] logs = [Log("a", 1, 100), Log("b", 2, 50), Log("a", 3, 200)];

        var ids = await AppendAsync(logs);

        Assert.That(ids, Has.Count.EqualTo(3).And.Unique.And.Ordered.Ascending);
        var stored = (await AllAsync()).ToDictionary(log => log.ErrorLogId);
        Assert.That(ids.Select(id => stored[id]), Is.EqualTo(logs.Select((log, i) => new StoredErrorLog(ids[i], log.DeviceId, log.ErrorNumber, log.TimeStamp))));
    }

    [Test]
    public async Task Later_appends_get_larger_ids()
    {
        var first = await AppendAsync(Log("a", 1, 1));
        var second = await AppendAsync(Log("a", 1, 1), Log("b", 1, 1));

        Assert.That(second.Min(), Is.GreaterThan(first.Max()));
    }

    [Test]
    public async Task An_empty_store_has_no_recent_logs()
    {
        Assert.That(await RecentAsync(), Is.Empty);
        Assert.That(await RecentAsync("nobody"), Is.Empty);
    }

    [Test]
    public async Task Recent_is_newest_time_stamp_first_and_newest_id_first_among_equal_time_stamps()
    {
        var ids = await AppendAsync(Log("a", 1, 100), Log("b", 2, 300), Log("c", 3, 200));
        var later = await AppendAsync(Log("d", 4, 300));

        var recent = await RecentAsync();

        Assert.That(recent.Select(log => log.ErrorLogId), Is.EqualTo(new[] { later[0], ids[1], ids[2], ids[0] }));
    }

    [Test]
    public async Task Recent_for_a_device_holds_only_its_logs_newest_first()
    {
        var ids = await AppendAsync(Log("dev-1", 1, 10), Log("dev-2", 2, 99), Log("dev-1", 3, 30), Log("dev-1", 4, 20));

        var recent = await RecentAsync("dev-1");

        Assert.That(recent.Select(log => log.ErrorLogId), Is.EqualTo(new[] { ids[2], ids[3], ids[0] }));
        Assert.That(recent.Select(log => log.DeviceId), Is.All.EqualTo("dev-1"));
    }

    [TestCase(1)]
    [TestCase(10)]
    [TestCase(100)]
    public async Task Recent_returns_at_most_the_limit_and_the_newest_ones(int limit)
    {
        var logs = Enumerable.Range(0, 15).Select(i => Log(i % 2 == 0 ? "even" : "odd", i, 1000 + i)).ToArray();
        await AppendAsync(logs);

        var recent = await RecentAsync(limit: limit);
        var forDevice = await RecentAsync("even", limit);

        Assert.That(recent.Select(log => log.TimeStamp), Is.EqualTo(Enumerable.Range(0, Math.Min(limit, 15)).Select(i => 1014L - i)));
        Assert.That(forDevice.Select(log => log.TimeStamp), Is.EqualTo(Enumerable.Range(0, Math.Min(limit, 8)).Select(i => 1014L - (2 * i))));
    }

    [TestCase("O'Brien \"quoted\" back\\slash")]
    [TestCase("'; DROP TABLE Logs; --")]
    [TestCase("%_ wildcards %")]
    [TestCase("日本語のデバイス")]
    [TestCase("rocket 🚀 ü")]
    [TestCase("tab\tand\nnewline")]
    public async Task Device_ids_are_stored_and_matched_exactly_as_given(string device)
    {
        var ids = await AppendAsync(Log(device, 7, 1), Log("other", 8, 2));

        var recent = await RecentAsync(device);

        Assert.That(recent, Is.EqualTo(new[] { new StoredErrorLog(ids[0], device, 7, 1) }));
    }

    [Test]
    public async Task Case_and_trailing_spaces_make_different_devices()
    {
        var ids = await AppendAsync(Log("dev", 1, 1), Log("Dev", 2, 2), Log("dev ", 3, 3), Log("DEV", 4, 4));

        Assert.That((await RecentAsync("dev")).Select(log => log.ErrorLogId), Is.EqualTo(new[] { ids[0] }));
        Assert.That((await RecentAsync("dev ")).Select(log => log.ErrorLogId), Is.EqualTo(new[] { ids[2] }));
    }

    [TestCase('x')]
    [TestCase('é')]
    [TestCase('語')]
    public async Task A_device_id_of_255_characters_is_kept_whole(char character)
    {
        var device = new string(character, ErrorLog.MaxDeviceIdLength);

        await AppendAsync(Log(device, 1, 1));

        Assert.That((await RecentAsync(device)).Single().DeviceId, Is.EqualTo(device));
    }

    [Test]
    public async Task A_device_id_of_255_utf16_units_with_surrogate_pairs_is_kept_whole()
    {
        var device = string.Concat(Enumerable.Repeat("🚀", 127)) + "x";
        Assert.That(device, Has.Length.EqualTo(ErrorLog.MaxDeviceIdLength));

        await AppendAsync(Log(device, 1, 1));

        Assert.That((await RecentAsync(device)).Single().DeviceId, Is.EqualTo(device));
    }

    [Test]
    public async Task Numbers_keep_their_full_range()
    {
        await AppendAsync(Log("n", int.MinValue, 0), Log("n", int.MaxValue, long.MaxValue), Log("n", -1, 9_000_000_000));

        var recent = await RecentAsync("n");

        Assert.That(recent.Select(log => (log.ErrorNumber, log.TimeStamp)),
            Is.EqualTo(new[] { (int.MaxValue, long.MaxValue), (-1, 9_000_000_000L), (int.MinValue, 0L) }));
    }

    [Test]
    public async Task A_batch_the_database_refuses_writes_nothing()
    {
        await AppendAsync(Log("before", 1, 1));
        // Validation keeps bad rows out of the API, so the store has to refuse one itself: a null device id (which
        // ErrorLog.Create lets through as absent) cannot be stored, and it comes last, after 1499 good rows.
        var batch = Enumerable.Range(0, 1499).Select(i => Log("batch", i, 2)).Append(ErrorLog.Create(null!, 0, 2)).ToArray();

        Assert.That(async () => await Store.AppendAsync(batch, CancellationToken.None), Throws.Exception);

        Assert.That((await AllAsync()).Select(log => log.DeviceId), Is.EqualTo(new[] { "before" }));
        Assert.That(await AppendAsync(Log("after", 1, 3)), Has.Count.EqualTo(1), "the store still works");
    }

    [Test]
    public async Task A_cancelled_append_writes_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Assert.That(async () => await Store.AppendAsync([Log("cancelled", 1, 1)], cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await AllAsync(), Is.Empty);
    }

    [Test]
    public async Task A_large_batch_is_stored_whole_in_order()
    {
        var logs = Enumerable.Range(0, 2500).Select(i => Log($"device-{i % 37}", i, i / 10)).ToArray();

        var ids = await AppendAsync(logs);

        Assert.That(ids, Has.Count.EqualTo(2500).And.Unique.And.Ordered.Ascending);
        var stored = (await AllAsync()).ToDictionary(log => log.ErrorLogId);
        Assert.That(stored, Has.Count.EqualTo(2500));
        Assert.That(ids.Select(id => stored[id].ErrorNumber), Is.EqualTo(Enumerable.Range(0, 2500)));
    }

    [Test]
    public async Task Concurrent_appends_each_get_their_own_rows()
    {
        var sent = Enumerable.Range(0, 16)
            .Select(client => Enumerable.Range(0, 20).Select(n => Enumerable.Range(0, 1 + (n % 5)).Select(i => Log($"client-{client}", (n * 10) + i, n)).ToArray()).ToArray())
            .ToArray();

        var received = await Task.WhenAll(sent.Select(appends => Task.Run(async () =>
        {
            var ids = new List<IReadOnlyList<long>>();
            foreach (var logs in appends)
            {
                ids.Add(await Store.AppendAsync(logs, CancellationToken.None));
            }

            return ids;
        })));

        var stored = (await AllAsync()).ToDictionary(log => log.ErrorLogId);
        var pairs = sent.SelectMany(appends => appends).Zip(received.SelectMany(ids => ids)).SelectMany(pair => pair.First.Zip(pair.Second)).ToList();
        Assert.That(stored, Has.Count.EqualTo(pairs.Count));
        foreach (var (log, id) in pairs)
        {
            Assert.That((stored[id].DeviceId, stored[id].ErrorNumber), Is.EqualTo((log.DeviceId, log.ErrorNumber)));
        }
    }
}
