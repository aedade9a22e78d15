using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql;
using Portable.Adapters.Durable.MySql;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Leases;

/// <summary>
/// On MySQL a step is one transaction from its claim to its commit, so what a worker claimed is freed by its connection:
/// a worker that stops (or dies) gives its instances back at once, without waiting for the lease; one that hangs loses
/// them to the server once the lease has passed.
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
            Assert.That((await stopping.WorkerStore.ClaimNextInstanceAsync("stopping-worker", lease, 100, cancellationToken))!.InstanceId, Is.EqualTo(id));
        }

        await using var survivor = await DurableTestHost.StartAsync(database, LeaseTests.Register);
        var result = await survivor.Client.WaitForCompletionAsync(id, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(survivor.Read<string>(result.SerializedOutput), Is.EqualTo("hi"));
            Assert.That(result.LastUpdatedAt - claimedAt, Is.LessThan(lease), "did not wait for the lease");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_hung_worker_loses_its_claim_to_the_server_once_the_lease_passes(CancellationToken cancellationToken)
    {
        var database = (MySqlDurableDatabase)await NewDatabaseAsync();
        var lease = TimeSpan.FromSeconds(1);

        await using var client = await DurableTestHost.StartAsync(database, LeaseTests.Register, startWorker: false);
        var id = await client.Client.ScheduleNewAsync("Echo", "hi", cancellationToken: cancellationToken);

        // A worker whose process stops running: its own timers never fire, and its connection stays open.
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hungDatabase = new MySqlDatabase(
            new MySqlStorageOptions { ConnectionString = database.ConnectionString }, frozen, NullLogger<MySqlDatabase>.Instance);
        await using var hung = new MySqlOrchestrationWorkerStore(hungDatabase, frozen, NullLogger<MySqlOrchestrationWorkerStore>.Instance);

        var claimedAt = DateTimeOffset.UtcNow;
        var claimed = await hung.ClaimNextInstanceAsync("hung-worker", lease, 100, cancellationToken);
        Assert.That(claimed!.InstanceId, Is.EqualTo(id));

        await using var survivor = await DurableTestHost.StartAsync(database, LeaseTests.Register);
        var result = await survivor.Client.WaitForCompletionAsync(id, cancellationToken);
        var lateCommit = await hung.CommitStepAsync(
            StepCommits.Completing(claimed, "hung-worker", "\"stale\""),
            cancellationToken);
        var state = await survivor.ClientStore.GetInstanceAsync(id, true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.LastUpdatedAt - claimedAt, Is.GreaterThanOrEqualTo(lease), "waited for the lease");
            Assert.That(lateCommit, Is.False, "the hung worker's step commits nothing");
            Assert.That(survivor.Read<string>(state!.Output), Is.EqualTo("hi"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Every_end_of_a_claim_gives_its_pooled_connection_the_servers_idle_timeout_back(CancellationToken cancellationToken)
    {
        var database = (MySqlDurableDatabase)await NewDatabaseAsync();
        await using var client = await DurableTestHost.StartAsync(database, LeaseTests.Register, startWorker: false);

        // One pooled connection, not reset when taken, as the durable pool is: each check reads the session a claim used.
        await using var pool = new MySqlDatabase(
            new MySqlStorageOptions { ConnectionString = database.ConnectionString + ";Maximum Pool Size=1", ResetPooledConnections = false },
            TimeProvider.System,
            NullLogger<MySqlDatabase>.Instance);
        await using var store = new MySqlOrchestrationWorkerStore(pool, TimeProvider.System, NullLogger<MySqlOrchestrationWorkerStore>.Instance);
        var lease = TimeSpan.FromSeconds(3);
        var restored = new List<bool>();

        Assert.That(await store.ClaimNextInstanceAsync("worker", lease, 100, cancellationToken), Is.Null);
        restored.Add(await IdleTimeoutIsTheServersAsync(pool, cancellationToken));

        await client.Client.ScheduleNewAsync("Echo", "hi", cancellationToken: cancellationToken);
        var claimed = await store.ClaimNextInstanceAsync("worker", lease, 100, cancellationToken);
        var committed = await store.CommitStepAsync(
            StepCommits.Completing(claimed!, "worker", "\"hi\""),
            cancellationToken);
        restored.Add(await IdleTimeoutIsTheServersAsync(pool, cancellationToken));

        var abandoned = await client.Client.ScheduleNewAsync("Echo", "bye", cancellationToken: cancellationToken);
        Assert.That((await store.ClaimNextInstanceAsync("worker", lease, 100, cancellationToken))!.InstanceId, Is.EqualTo(abandoned));
        await store.AbandonInstanceAsync(abandoned, "worker", cancellationToken);
        restored.Add(await IdleTimeoutIsTheServersAsync(pool, cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(committed, Is.True);
            Assert.That(restored, Is.EqualTo(new[] { true, true, true }), "after finding nothing, after a commit, after abandoning");
        });
    }

    private static Task<bool> IdleTimeoutIsTheServersAsync(MySqlDatabase pool, CancellationToken cancellationToken) =>
        pool.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand("SELECT @@session.wait_timeout = @@global.wait_timeout", connection);
                return Convert.ToInt64(await command.ExecuteScalarAsync(token), CultureInfo.InvariantCulture) == 1;
            },
            cancellationToken);
}
