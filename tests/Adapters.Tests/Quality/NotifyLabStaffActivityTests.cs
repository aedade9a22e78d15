using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Quality;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Adapters.Tests.Quality;

/// <summary>The notification activity's record against a notifications queue that delivers faster than the activity returns.</summary>
public sealed class NotifyLabStaffActivityTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task A_delivery_the_queue_s_consumer_records_before_the_hand_over_returns_is_not_put_back_to_pending()
    {
        var store = new SqliteQualityStore(new SqliteDatabase(Path.Combine(_directory, "quality.db")));
        var at = new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);
        await store.SaveVerdictAsync(
            new QualityRecord("S-fast", "UV-1", "qc-S-fast", false, [new("noise", Severity.Error, "Noisy.", null)], at, at, NotificationStatus.Pending),
            CancellationToken.None);
        var activity = new NotifyLabStaffActivity(new ConsumedAtOnce(store), store, TimeProvider.System, NullLogger<NotifyLabStaffActivity>.Instance);

        var outcome = await activity.RunAsync(
            new ActivityContext(NotifyLabStaffActivity.Name, "qc-S-fast", 1, Attempt: 1),
            new FailureNotification("S-fast", "UV-1", at, [], "qc-S-fast:notify"),
            CancellationToken.None);

        var record = await store.GetAsync("S-fast", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(NotificationStatus.Pending), "the activity handed it over");
            Assert.That(record!.NotificationStatus, Is.EqualTo(NotificationStatus.Delivered), "the consumer's outcome stands");
            Assert.That(record.NotificationAttempts, Is.EqualTo(1));
        });
    }

    /// <summary>
    /// A queued notifier whose queue's consumer delivers the message and records Delivered before the hand-over returns:
    /// the interleaving a fast queue makes, made certain.
    /// </summary>
    private sealed class ConsumedAtOnce(IQualityStore store) : IQualityNotifier
    {
        public async Task<NotificationStatus> NotifyAsync(FailureNotification notification, CancellationToken cancellationToken)
        {
            await store.SetNotificationAsync(notification.SampleId, NotificationStatus.Delivered, 1, null, TimeProvider.System.GetUtcNow(), cancellationToken);
            return NotificationStatus.Pending;
        }
    }
}
