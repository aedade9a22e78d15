using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Aws.Schedule;
using Portable.Adapters.Sqlite;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Fakes;
using Portable.Core.Idempotency;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Workflows;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The one-minute schedule: seed 002's dispatcher over the dispatch queue, then the durable sweep; hourly, the idempotency key sweep.</summary>
public sealed class ScheduleHandlerTests
{
    private FakeWorkflowClient _workflows = null!;
    private InMemoryQueueProvider _queues = null!;
    private RecordingSweeper _sweeper = null!;

    [SetUp]
    public void Reset()
    {
        _workflows = new FakeWorkflowClient();
        _queues = new InMemoryQueueProvider(TimeProvider.System);
        _sweeper = new RecordingSweeper(woken: 2);
    }

    private static QueueMessage Dispatch(string orderId) =>
        new(JsonSerializer.Serialize(new DispatchNotice(orderId, DateTimeOffset.UnixEpoch), OrdersJsonContext.Default.DispatchNotice), $"{orderId}:dispatch", orderId);

    private TestHost Host() => TestHost.Create(services =>
    {
        services.AddSingleton<IWorkflowClient>(_workflows);
        services.AddSingleton<IQueueProvider>(_queues);
        services.AddSingleton<IDurableSweeper>(_sweeper);
    });

    [Test]
    public async Task The_dispatch_queue_is_drained_and_then_the_sweeper_runs()
    {
        await using var host = Host();
        var orders = Enumerable.Range(1, 12).Select(i => $"ORD{i:D7}").ToList();
        orders.ForEach(order => _workflows.AddRunning(order));
        await _queues.GetQueue(QueueNames.OrderDispatch).SendAsync(orders.Select(Dispatch).ToList(), CancellationToken.None);

        var result = await host.InvokeAsync(HandlerNames.Schedule, Fixture.Text("scheduled-event.json"));

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("dispatched").GetInt32(), Is.EqualTo(12));
            Assert.That(result.GetProperty("swept").GetInt32(), Is.EqualTo(2));
            Assert.That(_queues.Queue(QueueNames.OrderDispatch).Count, Is.Zero);
            Assert.That(_workflows.Raised.Select(raised => raised.InstanceId), Is.EquivalentTo(orders));
            Assert.That(_workflows.Raised.Select(raised => raised.EventName).Distinct(), Is.EqualTo(new[] { OrderEvents.Dispatched }));
            Assert.That(_sweeper.Calls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_idle_drain_writes_no_information_line_and_a_drain_with_work_does()
    {
        await using var host = Host();

        await host.InvokeAsync(HandlerNames.Schedule, Fixture.Text("scheduled-event.json"));
        var idle = DrainLines(host);
        _workflows.AddRunning("ORD0000001");
        await _queues.GetQueue(QueueNames.OrderDispatch).SendAsync([Dispatch("ORD0000001")], CancellationToken.None);
        await host.InvokeAsync(HandlerNames.Schedule, Fixture.Text("scheduled-event.json"));

        Assert.That(idle, Is.Empty, "nothing dispatched is not news at Information");
        Assert.That(DrainLines(host).Select(line => (line.GetProperty("level").GetString(), line.GetProperty("message").GetString())),
            Is.EqualTo(new[] { ("INFO", "Dispatch drain: 1 dispatched, 0 failed, 0 given back unstarted") }));
    }

    private static List<JsonElement> DrainLines(TestHost host) =>
        host.LogLines.Where(line => line.GetProperty("message").GetString()!.StartsWith("Dispatch drain:", StringComparison.Ordinal)).ToList();

    [Test]
    public async Task A_failing_message_is_given_back_with_a_delay_and_the_others_go_on()
    {
        await using var host = Host();
        _workflows.AddRunning("ORD0000001");
        _workflows.AddRunning("ORD0000002");
        _workflows.FailingInstances["ORD0000001"] = true;
        var queue = _queues.Queue(QueueNames.OrderDispatch);
        await queue.SendAsync([Dispatch("ORD0000001"), Dispatch("ORD0000002")], CancellationToken.None);

        var result = await host.InvokeAsync(HandlerNames.Schedule, QueueEvents.Scheduled());

        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("dispatched").GetInt32(), Is.EqualTo(1));
            Assert.That(result.GetProperty("failed").GetInt32(), Is.EqualTo(1));
            Assert.That(result.GetProperty("swept").GetInt32(), Is.EqualTo(2));
            Assert.That(queue.Count, Is.EqualTo(1));
            Assert.That(queue.Releases.Single().Delay, Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public async Task The_run_fired_at_minute_0_sweeps_the_expired_idempotency_keys_and_counts_them()
    {
        await using var host = Host();
        await StoreKeysAsync(host);

        var result = await host.InvokeAsync(HandlerNames.Schedule, QueueEvents.Scheduled("2026-11-24T15:00:00Z"));

        Assert.Multiple(async () =>
        {
            Assert.That(result.GetProperty("keysSwept").GetInt32(), Is.EqualTo(2));
            Assert.That(await KeyCountAsync(host), Is.EqualTo(1), "the live key is kept");
        });
    }

    [TestCase("2026-11-24T15:01:00Z")]
    [TestCase("2026-11-24T14:59:00Z")]
    public async Task A_run_fired_at_another_minute_leaves_the_keys_alone(string firedAt)
    {
        await using var host = Host();
        await StoreKeysAsync(host);

        var result = await host.InvokeAsync(HandlerNames.Schedule, QueueEvents.Scheduled(firedAt));

        Assert.Multiple(async () =>
        {
            Assert.That(result.TryGetProperty("keysSwept", out _), Is.False, result.ToString());
            Assert.That(result.GetProperty("swept").GetInt32(), Is.EqualTo(2), "the rest of the run is the same");
            Assert.That(await KeyCountAsync(host), Is.EqualTo(3));
        });
    }

    /// <summary>Two keys past their time (the clock's, which the sweep reads) and one within it, as placed orders keep them.</summary>
    private static async Task StoreKeysAsync(TestHost host)
    {
        var orders = host.Services.GetRequiredService<IOrderStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (key, keepUntil) in new[] { ("old", now.AddDays(-2)), ("older", now.AddDays(-3)), ("live", now.AddDays(1)) })
        {
            await orders.NextIdOnceAsync(new IdempotencyKey("order:alice@example.com", key, new string('a', 64)), keepUntil.AddDays(-1), keepUntil, CancellationToken.None);
        }
    }

    private static async Task<long> KeyCountAsync(TestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM idempotency_keys;";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task Without_time_left_nothing_is_received()
    {
        await using var host = Host();
        _workflows.AddRunning("ORD0000001");
        await _queues.GetQueue(QueueNames.OrderDispatch).SendAsync([Dispatch("ORD0000001")], CancellationToken.None);

        var result = await host.InvokeAsync(HandlerNames.Schedule, QueueEvents.Scheduled(), timeout: TimeSpan.FromSeconds(2));

        Assert.That(result.GetProperty("dispatched").GetInt32(), Is.Zero);
        Assert.That(_queues.Queue(QueueNames.OrderDispatch).Count, Is.EqualTo(1));
    }
}
