using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Core.ErrorLogs;
using Portable.Core.Idempotency;
using Portable.Core.Messaging;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.ErrorLogs;

/// <summary>
/// Appends under an idempotency key on each store: a retried request and a redelivered queue message store their rows
/// once and get the first ids again; the key with another batch is refused.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("MySql")]
public sealed class ErrorLogIdempotencyTests(string store)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteFiles _files = new();
    private MySqlTestDatabase? _database;
    private MySqlDatabase? _mySql;
    private IErrorLogStore _logs = null!;
    private IIdempotentErrorLogStore _keyed = null!;

    [OneTimeSetUp]
    public async Task CreateStore()
    {
        if (store == "Sqlite")
        {
            var sqlite = new SqliteErrorLogStore(_files.Database("logs"));
            (_logs, _keyed) = (sqlite, sqlite);
            return;
        }

        _database = await MySqlTestDatabase.CreateAsync();
        _mySql = new MySqlDatabase(new MySqlStorageOptions { ConnectionString = _database.ConnectionString }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
        var mySql = new MySqlErrorLogStore(_mySql);
        (_logs, _keyed) = (mySql, mySql);
    }

    [OneTimeTearDown]
    public async Task DropStore()
    {
        if (_mySql is not null)
        {
            await _mySql.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _files.Dispose();
    }

    [Test]
    public async Task A_retried_append_with_its_key_gets_the_first_ids_and_stores_nothing_and_another_batch_is_refused()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        ErrorLog[] batch = [ErrorLog.Create(device, 1, 100), ErrorLog.Create(device, 2, 200)];
        var key = new IdempotencyKey("logs", "k-" + Guid.NewGuid().ToString("N"), new string('a', 64));

        // The first attempt committed and its answer was lost; the client sends it again, several times at once.
        var first = await _keyed.AppendOnceAsync(batch, key, Now, Now.AddDays(1), CancellationToken.None);
        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _keyed.AppendOnceAsync(batch, key, Now, Now.AddDays(1), CancellationToken.None))));
        var stored = await _logs.RecentAsync(device, 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(retries, Has.All.EqualTo(first), "the same answer each time");
            Assert.That(stored.Select(log => log.ErrorLogId).OrderBy(id => id), Is.EqualTo(first), "stored once");
            Assert.That(
                () => _keyed.AppendOnceAsync([ErrorLog.Create(device, 3, 300)], key with { Fingerprint = new string('b', 64) }, Now, Now.AddDays(1), CancellationToken.None),
                Throws.TypeOf<IdempotencyMismatchException>());
        });
    }

    [Test]
    public async Task A_queue_message_delivered_twice_stores_its_records_once()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var body = $$"""[{"device_id":"{{device}}","error_number":7,"time_stamp":1},{"device_id":"{{device}}","error_number":8,"time_stamp":2}]""";
        var consumer = new ErrorLogQueueConsumer(_keyed, new IdempotencyOptions(), TimeProvider.System, NullLogger<ErrorLogQueueConsumer>.Instance);
        var message = new ReceivedMessage("msg-" + Guid.NewGuid().ToString("N"), body, "receipt-1", 1);

        await consumer.HandleAsync(message, CancellationToken.None);
        await Task.WhenAll(
            consumer.HandleAsync(message with { ReceiptHandle = "receipt-2", ReceiveCount = 2 }, CancellationToken.None),
            consumer.HandleAsync(message with { ReceiptHandle = "receipt-3", ReceiveCount = 3 }, CancellationToken.None));
        await consumer.HandleAsync(message with { MessageId = "msg-" + Guid.NewGuid().ToString("N") }, CancellationToken.None);

        var stored = await _logs.RecentAsync(device, 10, CancellationToken.None);
        Assert.That(stored, Has.Count.EqualTo(4), "two records from the message however often it came, two from another message with the same body");
    }
}
