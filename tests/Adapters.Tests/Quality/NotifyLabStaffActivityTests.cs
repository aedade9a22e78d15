using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Adapters.Tests.Quality;

/// <summary>
/// The notification activity's record against a notifications queue that delivers faster than the activity returns,
/// on each store by a subclass that names its target.
/// </summary>
public abstract class NotifyLabStaffActivityTests(QualityStoreTarget target)
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    [OneTimeTearDown]
    public ValueTask DisposeTargetAsync() => target.DisposeAsync();

    [Test]
    public async Task A_delivery_the_queue_s_consumer_records_before_the_hand_over_returns_is_not_put_back_to_pending()
    {
        var store = await StoreWithFailedSampleAsync("S-fast");
        var activity = new NotifyLabStaffActivity(new ConsumedAtOnce(store, TimeProvider.System), store, TimeProvider.System, NullLogger<NotifyLabStaffActivity>.Instance);

        var outcome = await activity.RunAsync(Attempt("S-fast", 1), Notification("S-fast"), CancellationToken.None);

        var record = await store.GetAsync("S-fast", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(NotificationStatus.Pending), "the activity handed it over");
            Assert.That(record!.NotificationStatus, Is.EqualTo(NotificationStatus.Delivered), "the consumer's outcome stands");
            Assert.That(record.NotificationAttempts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_retry_after_a_crash_that_followed_a_delivered_hand_over_leaves_the_sample_delivered_when_its_message_is_dropped_as_a_duplicate()
    {
        var store = await StoreWithFailedSampleAsync("S-crash");
        var time = new FakeTimeProvider(At.AddMinutes(1));
        var queue = new ConsumedAtOnce(store, time) { CrashAfterFirstHandOver = true };
        var activity = new NotifyLabStaffActivity(queue, store, time, NullLogger<NotifyLabStaffActivity>.Instance);

        // Attempt 1 hands over, the consumer delivers, and the host dies before the activity returns.
        Assert.ThrowsAsync<HostDiedException>(() => activity.RunAsync(Attempt("S-crash", 1), Notification("S-crash"), CancellationToken.None));
        var deliveredAt = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(30));

        // The workflow retries: attempt 2 records Pending, hands over again, and the repeat is dropped.
        var outcome = await activity.RunAsync(Attempt("S-crash", 2), Notification("S-crash"), CancellationToken.None);

        var record = await store.GetAsync("S-crash", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(queue.Delivered, Is.EqualTo(1), "one delivery, the repeat dropped");
            Assert.That(queue.Dropped, Is.EqualTo(1));
            Assert.That(outcome.Status, Is.EqualTo(NotificationStatus.Pending), "the retry handed it over");
            Assert.That(
                (record!.NotificationStatus, record.NotificationAttempts, record.NotificationError, record.NotificationUpdatedAt),
                Is.EqualTo((NotificationStatus.Delivered, 1, (string?)null, (DateTimeOffset?)deliveredAt)),
                "the delivery as the consumer recorded it");
        });
    }

    private async Task<IQualityStore> StoreWithFailedSampleAsync(string sampleId)
    {
        var store = await target.CreateEmptyStoreAsync();
        await store.SaveVerdictAsync(
            new QualityRecord(sampleId, "UV-1", "qc-" + sampleId, false, [new("noise", Severity.Error, "Noisy.", null)], At, At, NotificationStatus.Pending),
            CancellationToken.None);
        return store;
    }

    private static ActivityContext Attempt(string sampleId, int attempt) => new(NotifyLabStaffActivity.Name, "qc-" + sampleId, 1, Attempt: attempt);

    private static FailureNotification Notification(string sampleId) => new(sampleId, "UV-1", At, [], $"qc-{sampleId}:notify");

    /// <summary>The process ending under the activity, as a kill does.</summary>
    private sealed class HostDiedException() : Exception("The host died after the hand-over.");

    /// <summary>
    /// A queued notifier whose queue's consumer delivers the message and records Delivered before the hand-over returns
    /// (the interleaving a fast queue makes, made certain), and drops a message whose idempotency key it has delivered.
    /// </summary>
    private sealed class ConsumedAtOnce(IQualityStore store, TimeProvider time) : IQualityNotifier
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public bool CrashAfterFirstHandOver { get; init; }

        public int Delivered { get; private set; }

        public int Dropped { get; private set; }

        public async Task<NotificationStatus> NotifyAsync(FailureNotification notification, CancellationToken cancellationToken)
        {
            if (!_seen.Add(notification.IdempotencyKey))
            {
                Dropped++;
                return NotificationStatus.Pending;
            }

            await store.SetNotificationAsync(notification.SampleId, NotificationStatus.Delivered, 1, null, time.GetUtcNow(), cancellationToken);
            Delivered++;
            return CrashAfterFirstHandOver ? throw new HostDiedException() : NotificationStatus.Pending;
        }
    }
}
