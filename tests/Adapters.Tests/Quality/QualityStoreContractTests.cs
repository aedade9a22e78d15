using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>What every <see cref="IQualityStore"/> promises, run against each implementation by a subclass that names its target.</summary>
public abstract class QualityStoreContractTests(QualityStoreTarget target)
{
    private static readonly DateTimeOffset Checked = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).AddTicks(42);

    private static readonly DateTimeOffset Acquired = Checked.AddMinutes(-5).AddTicks(7);

    private static readonly Finding[] Findings =
        [new("range", Severity.Error, "Absorbance 4.2 is above 3.5.", 250.5), new("noise", Severity.Warning, "Noisy baseline.", null)];

    [OneTimeTearDown]
    public ValueTask DisposeTargetAsync() => target.DisposeAsync();

    [Test]
    public async Task Saving_a_verdict_again_replaces_it()
    {
        var store = await target.CreateEmptyStoreAsync();
        var failed = Failed("S-1", Checked);
        await store.SaveVerdictAsync(failed, CancellationToken.None);
        var first = await store.GetAsync("S-1", CancellationToken.None);

        var passed = new QualityRecord("S-1", "UV-2", "instance-2", true, [], Checked.AddMinutes(1), Acquired.AddMinutes(1), NotificationStatus.NotRequired);
        await store.SaveVerdictAsync(passed, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(Comparable(first), Is.EqualTo(Comparable(failed)));
            Assert.That(Comparable(await store.GetAsync("S-1", CancellationToken.None)), Is.EqualTo(Comparable(passed)));
            Assert.That(await store.GetAsync("S-unknown", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task A_final_notification_status_survives_a_repeated_verdict()
    {
        var store = await target.CreateEmptyStoreAsync();
        await store.SaveVerdictAsync(Failed("S-delivered", Checked), CancellationToken.None);
        await store.SaveVerdictAsync(Failed("S-undelivered", Checked), CancellationToken.None);
        await store.SaveVerdictAsync(Failed("S-pending", Checked), CancellationToken.None);
        var at = Checked.AddSeconds(30);
        await store.SetNotificationAsync("S-delivered", NotificationStatus.Delivered, 2, null, at, CancellationToken.None);
        await store.SetNotificationAsync("S-undelivered", NotificationStatus.Undelivered, 5, "HTTP 503", at, CancellationToken.None);

        // The workflow stores its verdict again, as a retried or replayed activity does.
        foreach (var sample in new[] { "S-delivered", "S-undelivered", "S-pending" })
        {
            await store.SaveVerdictAsync(Failed(sample, Checked) with { NotificationStatus = NotificationStatus.NotRequired }, CancellationToken.None);
        }

        var delivered = await store.GetAsync("S-delivered", CancellationToken.None);
        var undelivered = await store.GetAsync("S-undelivered", CancellationToken.None);
        var pending = await store.GetAsync("S-pending", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((delivered!.NotificationStatus, delivered.NotificationAttempts, delivered.NotificationUpdatedAt), Is.EqualTo((NotificationStatus.Delivered, 2, (DateTimeOffset?)at)));
            Assert.That((undelivered!.NotificationStatus, undelivered.NotificationAttempts, undelivered.NotificationError), Is.EqualTo((NotificationStatus.Undelivered, 5, "HTTP 503")));
            Assert.That(pending!.NotificationStatus, Is.EqualTo(NotificationStatus.NotRequired), "a status that is not final is replaced");
        });
    }

    [Test]
    public async Task Notification_attempts_only_grow()
    {
        var store = await target.CreateEmptyStoreAsync();
        await store.SaveVerdictAsync(Failed("S-2", Checked), CancellationToken.None);

        await store.SetNotificationAsync("S-2", NotificationStatus.Pending, 3, "timeout", Checked.AddSeconds(1), CancellationToken.None);
        await store.SetNotificationAsync("S-2", NotificationStatus.Delivered, 1, null, Checked.AddSeconds(2), CancellationToken.None);
        var record = await store.GetAsync("S-2", CancellationToken.None);

        Assert.That(
            (record!.NotificationStatus, record.NotificationAttempts, record.NotificationError, record.NotificationUpdatedAt),
            Is.EqualTo((NotificationStatus.Delivered, 3, (string?)null, (DateTimeOffset?)Checked.AddSeconds(2))));
    }

    [Test]
    public async Task A_pending_write_after_a_delivery_leaves_the_delivery_as_it_was_recorded()
    {
        var store = await target.CreateEmptyStoreAsync();
        await store.SaveVerdictAsync(Failed("S-done", Checked), CancellationToken.None);
        var deliveredAt = Checked.AddSeconds(5);
        await store.SetNotificationAsync("S-done", NotificationStatus.Delivered, 1, null, deliveredAt, CancellationToken.None);

        // A retried attempt marks its hand-over, then a failed one its failure, both after the consumer's delivery.
        await store.SetNotificationAsync("S-done", NotificationStatus.Pending, 2, null, Checked.AddSeconds(6), CancellationToken.None);
        await store.SetNotificationAsync("S-done", NotificationStatus.Pending, 3, "timeout", Checked.AddSeconds(7), CancellationToken.None);
        var record = await store.GetAsync("S-done", CancellationToken.None);

        Assert.That(
            (record!.NotificationStatus, record.NotificationAttempts, record.NotificationError, record.NotificationUpdatedAt),
            Is.EqualTo((NotificationStatus.Delivered, 1, (string?)null, (DateTimeOffset?)deliveredAt)));
    }

    [Test]
    public async Task A_pending_write_reopens_an_undelivered_notification_as_an_operator_s_retry_does()
    {
        var store = await target.CreateEmptyStoreAsync();
        await store.SaveVerdictAsync(Failed("S-again", Checked), CancellationToken.None);
        await store.SetNotificationAsync("S-again", NotificationStatus.Undelivered, 3, "HTTP 503", Checked.AddSeconds(5), CancellationToken.None);

        await store.SetNotificationAsync("S-again", NotificationStatus.Pending, 0, null, Checked.AddSeconds(9), CancellationToken.None);
        var record = await store.GetAsync("S-again", CancellationToken.None);

        Assert.That(
            (record!.NotificationStatus, record.NotificationAttempts, record.NotificationError, record.NotificationUpdatedAt),
            Is.EqualTo((NotificationStatus.Pending, 3, (string?)null, (DateTimeOffset?)Checked.AddSeconds(9))));
    }

    [Test]
    public async Task Pending_writes_racing_a_delivery_never_end_pending()
    {
        var store = await target.CreateEmptyStoreAsync();
        var samples = Enumerable.Range(0, 8).Select(i => $"S-race-{i}").ToList();
        foreach (var sample in samples)
        {
            await store.SaveVerdictAsync(Failed(sample, Checked), CancellationToken.None);
        }

        // Per sample, one delivery amid retried attempts' Pending writes, all let go at once.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = samples.SelectMany(sample => Enumerable.Range(1, 6).Select(attempt => Task.Run(async () =>
        {
            await start.Task;
            var status = attempt == 3 ? NotificationStatus.Delivered : NotificationStatus.Pending;
            await store.SetNotificationAsync(sample, status, attempt, null, Checked.AddSeconds(attempt), CancellationToken.None);
        }))).ToList();
        start.SetResult();
        await Task.WhenAll(writes);

        foreach (var sample in samples)
        {
            var record = await store.GetAsync(sample, CancellationToken.None);
            Assert.That(record!.NotificationStatus, Is.EqualTo(NotificationStatus.Delivered), sample);
        }
    }

    [Test]
    public void The_notification_of_a_sample_without_a_verdict_cannot_be_set()
    {
        Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            var store = await target.CreateEmptyStoreAsync();
            await store.SetNotificationAsync("S-none", NotificationStatus.Delivered, 1, null, Checked, CancellationToken.None);
        });
    }

    [Test]
    public async Task The_readings_give_the_failures_of_a_window_and_count_the_undelivered_notifications()
    {
        var store = await target.CreateEmptyStoreAsync();
        var readings = (IQualityReadings)store;
        await store.SaveVerdictAsync(Failed("S-old", Checked.AddMinutes(-1)), CancellationToken.None);
        await store.SaveVerdictAsync(Failed("S-new", Checked.AddMinutes(1)), CancellationToken.None);
        await store.SaveVerdictAsync(Failed("S-edge", Checked), CancellationToken.None);
        await store.SaveVerdictAsync(new QualityRecord("S-ok", "UV-1", "i", true, [], Checked.AddMinutes(2), null, NotificationStatus.NotRequired), CancellationToken.None);
        await store.SetNotificationAsync("S-old", NotificationStatus.Undelivered, 3, "503", Checked, CancellationToken.None);
        await store.SetNotificationAsync("S-new", NotificationStatus.Undelivered, 3, "503", Checked, CancellationToken.None);
        await store.SetNotificationAsync("S-edge", NotificationStatus.Delivered, 1, null, Checked, CancellationToken.None);

        var window = await readings.FailuresSinceAsync(Checked, 10, CancellationToken.None);
        var limited = await readings.FailuresSinceAsync(Checked, 1, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(window.Select(record => record.SampleId), Is.EqualTo(new[] { "S-new", "S-edge" }), "newest first, from the window's start on, failures only");
            Assert.That(limited.Select(record => record.SampleId), Is.EqualTo(new[] { "S-new" }));
            Assert.That(window[0].Findings.Select(finding => finding.Rule), Is.EqualTo(new[] { "range", "noise" }));
            Assert.That(await readings.CountUndeliveredAsync(CancellationToken.None), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Failures_are_listed_newest_check_first_up_to_the_limit()
    {
        var store = await target.CreateEmptyStoreAsync();
        for (var minute = 1; minute <= 5; minute++)
        {
            var at = Checked.AddMinutes(minute);
            await store.SaveVerdictAsync(
                minute % 2 == 1
                    ? Failed($"S-{minute}", at)
                    : new QualityRecord($"S-{minute}", "UV-1", "instance", true, [], at, Acquired, NotificationStatus.NotRequired),
                CancellationToken.None);
        }

        var two = await store.ListFailuresAsync(new FailureQuery(2), CancellationToken.None);
        var all = await store.ListFailuresAsync(new FailureQuery(10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(two.Select(r => r.SampleId), Is.EqualTo(new[] { "S-5", "S-3" }));
            Assert.That(all.Select(r => r.SampleId), Is.EqualTo(new[] { "S-5", "S-3", "S-1" }));
            Assert.That(Comparable(all[0]), Is.EqualTo(Comparable(Failed("S-5", Checked.AddMinutes(5)))));
        });
    }

    [Test]
    public async Task Failures_of_one_instrument_are_listed_alone_and_its_id_compares_exactly()
    {
        var store = await target.CreateEmptyStoreAsync();
        var instruments = new[] { "UV-1", "UV-2", "uv-1", "UV-1 ", "UV-1" };
        for (var i = 0; i < instruments.Length; i++)
        {
            await store.SaveVerdictAsync(Failed($"S-{i}", Checked.AddMinutes(i)) with { InstrumentId = instruments[i] }, CancellationToken.None);
        }

        await store.SaveVerdictAsync(
            new QualityRecord("S-passed", "UV-1", "instance", true, [], Checked.AddMinutes(10), Acquired, NotificationStatus.NotRequired), CancellationToken.None);

        var uv1 = await store.ListFailuresAsync(new FailureQuery(10) { InstrumentId = "UV-1" }, CancellationToken.None);
        var lower = await store.ListFailuresAsync(new FailureQuery(10) { InstrumentId = "uv-1" }, CancellationToken.None);
        var padded = await store.ListFailuresAsync(new FailureQuery(10) { InstrumentId = "UV-1 " }, CancellationToken.None);
        var none = await store.ListFailuresAsync(new FailureQuery(10) { InstrumentId = "UV-9" }, CancellationToken.None);
        var first = await store.ListFailuresAsync(new FailureQuery(1) { InstrumentId = "UV-1" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(uv1.Select(r => r.SampleId), Is.EqualTo(new[] { "S-4", "S-0" }), "newest first, failures only, not uv-1 nor 'UV-1 '");
            Assert.That(lower.Select(r => r.SampleId), Is.EqualTo(new[] { "S-2" }), "case matters");
            Assert.That(padded.Select(r => r.SampleId), Is.EqualTo(new[] { "S-3" }), "a trailing space matters");
            Assert.That(none, Is.Empty);
            Assert.That(first.Select(r => r.SampleId), Is.EqualTo(new[] { "S-4" }));
            Assert.That(Comparable(uv1[1]), Is.EqualTo(Comparable(Failed("S-0", Checked))));
        });
    }

    [TestCase(null)]
    [TestCase("UV-1")]
    public async Task Pages_continue_after_their_last_row_without_a_repeat_or_a_gap_when_checks_share_a_time(string? instrument)
    {
        var store = await target.CreateEmptyStoreAsync();
        var expected = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            // Three samples to a check time, saved out of order, and every fourth of another instrument.
            var id = $"S-{(i * 7) % 12:D2}";
            var at = Checked.AddSeconds((i * 7) % 12 / 3);
            var onOther = i % 4 == 3;
            await store.SaveVerdictAsync(Failed(id, at) with { InstrumentId = onOther ? "UV-2" : "UV-1" }, CancellationToken.None);
            if (instrument is null || !onOther)
            {
                expected.Add(id);
            }
        }

        expected.Sort(StringComparer.Ordinal);
        expected.Reverse();
        var walked = new List<string>();
        var pages = 0;
        FailureCursor? after = null;
        while (true)
        {
            var page = await store.ListFailuresAsync(new FailureQuery(2) { InstrumentId = instrument, After = after }, CancellationToken.None);
            walked.AddRange(page.Select(r => r.SampleId));
            if (page.Count < 2 || ++pages > 20)
            {
                break;
            }

            after = FailureCursor.Parse(FailureCursor.After(page[^1]).ToString());
        }

        Assert.That(walked, Is.EqualTo(expected), "newest check first, then the higher sample id, each once");
    }

    [Test]
    public async Task The_acquisition_time_reads_back_exactly_and_a_record_without_one_reads_back_without_one()
    {
        var store = await target.CreateEmptyStoreAsync();
        var acquired = Failed("S-acquired", Checked) with { AcquiredAt = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(2)).AddTicks(1) };
        var unknown = Failed("S-unknown-acquisition", Checked) with { AcquiredAt = null };
        await store.SaveVerdictAsync(acquired, CancellationToken.None);
        await store.SaveVerdictAsync(unknown, CancellationToken.None);

        var readAcquired = await store.GetAsync("S-acquired", CancellationToken.None);
        var readUnknown = await store.GetAsync("S-unknown-acquisition", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(readAcquired!.AcquiredAt, Is.EqualTo(acquired.AcquiredAt), "the same instant");
            Assert.That(readUnknown!.AcquiredAt, Is.Null);
            Assert.That(Comparable(readUnknown), Is.EqualTo(Comparable(unknown)));
        });
    }

    private static QualityRecord Failed(string sampleId, DateTimeOffset checkedAt) =>
        new(sampleId, "UV-1", "instance-" + sampleId, false, Findings, checkedAt, Acquired, NotificationStatus.Pending);

    /// <summary>The record with its findings as a string, since lists compare by reference.</summary>
    private static object? Comparable(QualityRecord? record) =>
        record is null ? null : (record with { Findings = Array.Empty<Finding>() }, string.Join(" | ", record.Findings));
}
