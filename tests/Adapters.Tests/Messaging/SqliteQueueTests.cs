using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Core.Messaging;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>What the embedded queues promise beyond the port's contract: durability, the clock they follow, atomic claims.</summary>
[TestFixture, Parallelizable(ParallelScope.Self)]
public sealed class SqliteQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private SqliteQueueTarget _target = null!;

    [SetUp]
    public void CreateFile() => _target = new SqliteQueueTarget();

    [TearDown]
    public void DeleteFile() => _target.Dispose();

    [Test, CancelAfter(20_000)]
    public async Task Sent_messages_survive_a_restart_and_one_in_flight_stays_hidden(CancellationToken cancellationToken)
    {
        var before = Provider(TimeProvider.System).GetQueue(QueueNames.ErrorLogs);
        await before.SendAsync([new QueueMessage("one"), new QueueMessage("two")], cancellationToken);
        var inFlight = (await before.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken)).Single();

        // A new process: no pooled connection, a new database object and provider on the same file.
        SqliteConnection.ClearAllPools();
        var after = Provider(TimeProvider.System).GetQueue(QueueNames.ErrorLogs);
        var received = await after.ReceiveAsync(10, TimeSpan.Zero, Long, cancellationToken);

        Assert.That(received.Select(message => message.Body), Is.EqualTo(new[] { inFlight.Body == "one" ? "two" : "one" }));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_file_made_before_messages_carried_a_trace_is_upgraded_and_its_waiting_message_still_arrives(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_target.DatabasePath)!);
        await using (var connection = new SqliteConnection($"Data Source={_target.DatabasePath}"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE queue_messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
                    dedup_id TEXT, group_id TEXT, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,
                    receive_count INTEGER NOT NULL DEFAULT 0, receipt_handle TEXT);
                INSERT INTO queue_messages (queue, message_id, body, sent_at, visible_at) VALUES ('error-logs', 'old-1', 'sent before', 0, 0);
                """;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        var queue = Provider(TimeProvider.System).GetQueue(QueueNames.ErrorLogs);
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        await queue.SendAsync([new QueueMessage("sent after", TraceParent: traceParent)], cancellationToken);
        var received = await queue.ReceiveAsync(10, TimeSpan.Zero, Long, cancellationToken);

        Assert.That(received.Select(message => (message.Body, message.TraceParent)), Is.EquivalentTo(new[] { ("sent before", (string?)null), ("sent after", traceParent) }));
    }

    [Test, CancelAfter(20_000)]
    public async Task Visibility_timeout_is_measured_on_the_time_provider(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var queue = Provider(time).GetQueue(QueueNames.ErrorLogs);
        await queue.SendAsync([new QueueMessage("timed")], cancellationToken);
        await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken);

        time.Advance(TimeSpan.FromSeconds(29));
        var early = await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(2));
        var due = await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken);

        Assert.That(early, Is.Empty);
        Assert.That(due.Single().ReceiveCount, Is.EqualTo(2));
    }

    [Test, CancelAfter(20_000)]
    public async Task Fifo_deduplication_id_is_forgotten_after_five_minutes(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var queue = Provider(time).GetQueue(QueueNames.OrderDispatch);
        await queue.SendAsync([new QueueMessage("placed", "ORD0000007-placed", "ORD0000007")], cancellationToken);
        await queue.DeleteAsync(await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken), cancellationToken);

        time.Advance(TimeSpan.FromMinutes(4));
        await queue.SendAsync([new QueueMessage("placed again", "ORD0000007-placed", "ORD0000007")], cancellationToken);
        var withinWindow = await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        await queue.SendAsync([new QueueMessage("placed later", "ORD0000007-placed", "ORD0000007")], cancellationToken);
        var afterWindow = await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken);

        Assert.That(withinWindow, Is.Empty);
        Assert.That(afterWindow.Single().Body, Is.EqualTo("placed later"));
    }

    [Test, CancelAfter(30_000)]
    public async Task Concurrent_receivers_never_claim_the_same_message(CancellationToken cancellationToken)
    {
        var queue = Provider(TimeProvider.System).GetQueue(QueueNames.ErrorLogs);
        await queue.SendAsync([.. Enumerable.Range(0, 60).Select(i => new QueueMessage($"m{i}"))], cancellationToken);

        var receivers = Enumerable.Range(0, 4).Select(_ => Task.Run(
            async () =>
            {
                var mine = new List<string>();
                while (await queue.ReceiveAsync(3, TimeSpan.Zero, Long, cancellationToken) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(message => message.MessageId));
                }

                return mine;
            },
            cancellationToken));
        var claimed = (await Task.WhenAll(receivers)).SelectMany(ids => ids).ToList();

        Assert.That(claimed, Has.Count.EqualTo(60));
        Assert.That(claimed, Is.Unique);
    }

    [Test, CancelAfter(20_000)]
    public async Task Move_to_the_dead_letter_queue_is_logged_with_the_message_and_dedup_ids(CancellationToken cancellationToken)
    {
        var logger = new CapturingLogger<SqliteQueueProvider>();
        var provider = new SqliteQueueProvider(new SqliteDatabase(_target.DatabasePath), new SqliteQueueOptions { MaxReceiveCount = 1 }, TimeProvider.System, logger);
        var queue = provider.GetQueue(QueueNames.QualityNotifications);
        await queue.SendAsync([new QueueMessage("notify lab", "S-0042")], cancellationToken);
        var first = (await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken)).Single();
        await queue.ReleaseAsync(first, TimeSpan.Zero, cancellationToken);

        var again = await queue.ReceiveAsync(1, TimeSpan.Zero, Long, cancellationToken);

        Assert.That(again, Is.Empty);
        var moved = logger.Entries.Single(entry => entry.Level == LogLevel.Warning);
        Assert.That(moved.Values["MessageId"], Is.EqualTo(first.MessageId));
        Assert.That(moved.Values["DeduplicationId"], Is.EqualTo("S-0042"));
        Assert.That(moved.Values["DeadLetterQueue"], Is.EqualTo("qc-notifications-dlq"));
    }

    private SqliteQueueProvider Provider(TimeProvider time) =>
        new(new SqliteDatabase(_target.DatabasePath), new SqliteQueueOptions(), time, NullLogger<SqliteQueueProvider>.Instance);
}
