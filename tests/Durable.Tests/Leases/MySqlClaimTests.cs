using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Leases;

/// <summary>
/// On MySQL a step is one transaction from its claim to its commit, so what a worker claimed is freed by its connection:
/// a worker that stops (or dies) gives its instances back at once, without waiting for the lease.
/// </summary>
public sealed class MySqlClaimTests() : StoreFixture(TestStores.MySql)
{
    [Test]
    [CancelAfter(20_000)]
    public async Task A_stopped_worker_frees_its_claimed_instance_at_once(CancellationToken cancellationToken)
    {
        using var database = await NewDatabaseAsync();
        var lease = TimeSpan.FromMinutes(5);
        string id;
        DateTimeOffset claimedAt;
        await using (var stopping = await DurableTestHost.StartAsync(database, LeaseTests.Register, startWorker: false))
        {
            id = await stopping.Client.ScheduleNewAsync("Echo", "hi", cancellationToken: cancellationToken);
            claimedAt = DateTimeOffset.UtcNow;
            Assert.That((await stopping.Store.ClaimNextInstanceAsync("stopping-worker", lease, 100, cancellationToken))!.InstanceId, Is.EqualTo(id));
        }

        await using var survivor = await DurableTestHost.StartAsync(database, LeaseTests.Register);
        var result = await survivor.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(survivor.Read<string>(result.SerializedOutput), Is.EqualTo("hi"));
            Assert.That(result.LastUpdatedAt - claimedAt, Is.LessThan(lease), "did not wait for the lease");
        });
    }
}
