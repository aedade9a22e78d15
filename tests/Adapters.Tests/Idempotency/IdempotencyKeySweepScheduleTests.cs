using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portable.Adapters.Local.Idempotency;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Orders;
using Portable.Core.Idempotency;

namespace Portable.Adapters.Tests.Idempotency;

/// <summary>The embedded host's schedule of the sweep, on a SQLite file, its hours those of a fake clock.</summary>
public sealed class IdempotencyKeySweepScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);

    private readonly SqliteFiles _files = new();

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();

    [Test]
    public async Task The_embedded_host_sweeps_when_it_starts_and_again_an_hour_later()
    {
        var database = _files.Database("app");
        var orders = new SqliteOrderStore(database);
        await orders.NextIdOnceAsync(Key("expired"), Now.AddDays(-1), Now.AddMinutes(-1), CancellationToken.None);
        await orders.NextIdOnceAsync(Key("expires-in-half-an-hour"), Now, Now.AddMinutes(30), CancellationToken.None);
        var time = new FakeTimeProvider(Now);
        var batches = Channel.CreateUnbounded<int>();
        var sweep = new IdempotencyKeySweep(
            new AnnouncingStore(new SqliteExpiredKeyStore(database), batches.Writer), new IdempotencyOptions(), time, NullLogger<IdempotencyKeySweep>.Instance);
        using var schedule = new IdempotencyKeySweepSchedule(sweep, time, NullLogger<IdempotencyKeySweepSchedule>.Instance);
        // Only a bound on a hang; the test waits for the batches themselves.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        await schedule.StartAsync(CancellationToken.None);
        try
        {
            var atStart = await batches.Reader.ReadAsync(patience.Token);
            time.Advance(IdempotencyKeySweepSchedule.Interval);
            var anHourLater = await batches.Reader.ReadAsync(patience.Token);

            Assert.Multiple(async () =>
            {
                Assert.That(atStart, Is.EqualTo(1), "the key expired before the start");
                Assert.That(anHourLater, Is.EqualTo(1), "the key that expired within the hour");
                Assert.That((await orders.NextIdOnceAsync(Key("expires-in-half-an-hour"), Now.AddHours(1), Now.AddDays(1), CancellationToken.None)).Repeated, Is.False);
            });
        }
        finally
        {
            await schedule.StopAsync(CancellationToken.None);
        }
    }

    private static IdempotencyKey Key(string name) => new("order:ada@example.com", name, new string('a', 64));

    /// <summary>The store itself, announcing what each batch deleted.</summary>
    private sealed class AnnouncingStore(IExpiredKeyStore store, ChannelWriter<int> batches) : IExpiredKeyStore
    {
        public async Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
        {
            var deleted = await store.DeleteExpiredAsync(now, limit, cancellationToken);
            await batches.WriteAsync(deleted, cancellationToken);
            return deleted;
        }
    }
}
