using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Orders;
using Portable.Adapters.Sqs;
using Portable.Aws.Tests.Events;
using Portable.Core.Messaging;
using Portable.Tests.Support;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>
/// The durable runtime on Lambda, end to end: real bootstrap processes for the api, queue and schedule functions
/// on one store (a MariaDB database of the fixture's own, dropped at its end) and SQS on
/// the emulator (PORTABLE_TEST_SQS_URL, from scripts/moto.sh) with a queue prefix of their own. The test plays
/// Lambda's SQS poller and the one-minute EventBridge rule.
/// </summary>
[NonParallelizable]
public sealed class DurableOnLambdaTests
{
    private const string AliceToken = "alice-token";
    private const string WriteKey = "e2e-write-key";
    private const string ReadKey = "e2e-read-key";
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);

    private DirectoryInfo _directory = null!;
    private MySqlTestDatabase? _database;
    private Dictionary<string, string> _settings = null!;
    private SqsPoller _poller = null!;
    private LambdaFunction _api = null!;
    private LambdaFunction _queue = null!;
    private LambdaFunction _schedule = null!;

    [OneTimeSetUp]
    public async Task StartFunctions()
    {
        var sqs = TestServers.SqsServiceUrl;
        _database = await MySqlTestDatabase.CreateAsync(migrate: false, purpose: "lambda");

        _directory = Directory.CreateTempSubdirectory("portable-aws-durable-");
        var prefix = "durable-" + Guid.NewGuid().ToString("N")[..10] + "-";
        _settings = new Dictionary<string, string>
        {
            ["ErrorLogs__WriteKey"] = WriteKey,
            ["ErrorLogs__ReadKey"] = ReadKey,
            ["Orders__Tokens"] = $"{AliceToken}=alice@example.com",
            ["Quality__LabKey"] = "lambda-lab-key",
            ["Orders__DeliveryDelay"] = "00:00:02",
            ["Storage__Provider"] = "MySql",
            ["ConnectionStrings__MySql"] = _database.ConnectionString,
            ["Queues__Provider"] = "Sqs",
            ["Sqs__ServiceUrl"] = sqs,
            ["Sqs__QueuePrefix"] = prefix,
            ["Sqs__MaxReceiveCount"] = "2",
            ["Durable__OrchestrationLeaseDuration"] = "00:00:02",
            ["Durable__ActivityLeaseDuration"] = "00:00:02",
            ["Lambda__Dispatch__WaitTime"] = "00:00:00",
            ["Quality__Notifier__WebhookUrl"] = "http://127.0.0.1:9/qc",
            ["AWS_LAMBDA_LOG_LEVEL"] = "INFO",
        };
        _poller = new SqsPoller(
            new SqsQueueOptions { ServiceUrl = sqs, Region = "us-east-2", QueuePrefix = prefix, MaxReceiveCount = 2, CreateQueues = true },
            Visibility);
        _api = LambdaFunction.Start(HandlerNames.Api, _settings);
        _queue = LambdaFunction.Start(HandlerNames.Queue, _settings);
        _schedule = LambdaFunction.Start(HandlerNames.Schedule, _settings);
    }

    [OneTimeTearDown]
    public async Task StopFunctions()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
            await _queue.DisposeAsync();
            await _schedule.DisposeAsync();
            _poller.Dispose();
            _directory.Delete(recursive: true);
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    private static int Status(JsonElement response) => response.GetProperty("statusCode").GetInt32();

    private static JsonElement Body(JsonElement response) => JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement;

    private async Task<string> PlaceOrderAsync()
    {
        var placed = await _api.InvokeJsonAsync(ApiEvents.V2("POST", "/api/order", Bearer(AliceToken), """{"Item":"book","Amount":3}"""));
        Assert.That(Status(placed), Is.EqualTo(202));
        return Body(placed).GetProperty("orderId").GetString()!;
    }

    private async Task<string> OrderStatusAsync(string orderId) =>
        Body(await _api.InvokeJsonAsync(ApiEvents.V2("GET", "/api/order/" + orderId, Bearer(AliceToken)))).GetProperty("status").GetString()!;

    /// <summary>
    /// Polls the wake-up queue until the order reaches <paramref name="status"/>; with <paramref name="sweep"/>, an
    /// empty poll runs the schedule, as the one-minute rule would find work whose lease had not yet expired.
    /// </summary>
    private async Task WakeUntilAsync(string orderId, string status, bool sweep = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await OrderStatusAsync(orderId) != status)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), () => $"order {orderId} never reached {status}\n{_queue.Process.Output}");
            if (!await _poller.PollAsync(_queue, QueueNames.DurableWakeups, TimeSpan.FromSeconds(1)) && sweep)
            {
                await _schedule.InvokeJsonAsync(QueueEvents.Scheduled());
            }
        }
    }

    private async Task<IReadOnlyList<Core.Orders.PaymentRecord>> PaymentsAsync(string orderId)
    {
        await using var database = new MySqlDatabase(
            new MySqlStorageOptions { ConnectionString = _settings["ConnectionStrings__MySql"], MigrateOnStart = false }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
        return await new MySqlPaymentLedger(database).ForOrderAsync(orderId, CancellationToken.None);
    }

    [Test]
    public async Task Seed_002_an_order_runs_on_wake_ups_is_dispatched_by_the_schedule_and_delivered_by_a_delayed_wake_up()
    {
        var orderId = await PlaceOrderAsync();

        await WakeUntilAsync(orderId, "PLACED");
        var swept = await _schedule.InvokeJsonAsync(QueueEvents.Scheduled());
        var afterDispatch = await OrderStatusAsync(orderId);
        await WakeUntilAsync(orderId, "COMPLETED");
        var payments = await PaymentsAsync(orderId);

        Assert.Multiple(() =>
        {
            Assert.That(swept.GetProperty("dispatched").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(afterDispatch, Is.EqualTo("IN_TRANSIT"), "the schedule's sweep runs the dispatched event at once");
            Assert.That(payments, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Seed_002_a_placed_order_cancelled_through_the_api_is_refunded()
    {
        var orderId = await PlaceOrderAsync();
        await WakeUntilAsync(orderId, "PLACED");

        var cancelled = await _api.InvokeJsonAsync(ApiEvents.V2("PUT", "/api/cancel/" + orderId, Bearer(AliceToken)));
        await WakeUntilAsync(orderId, "CANCELLED");

        var payments = await PaymentsAsync(orderId);
        Assert.That(Status(cancelled), Is.EqualTo(202));
        Assert.That(payments.Select(payment => payment.Refunded), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task A_qc_batch_with_a_bad_message_runs_the_good_sample_and_the_bad_one_ends_in_the_dead_letter_queue()
    {
        var sampleId = "S-" + Guid.NewGuid().ToString("N")[..8];
        var samples = _poller.Queues.GetQueue(QueueNames.QualitySamples);
        await samples.SendAsync([new QueueMessage(QueueEvents.Sample(sampleId)), new QueueMessage("{oops")], CancellationToken.None);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<ReceivedMessage> dead = [];
        while (dead.Count == 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), () => _queue.Process.Output);
            await _poller.PollAsync(_queue, QueueNames.QualitySamples, TimeSpan.FromSeconds(1));
            await _poller.PollAsync(_queue, QueueNames.DurableWakeups);
            dead = await _poller.Queues.GetDeadLetterQueue(QueueNames.QualitySamples).ReceiveAsync(10, TimeSpan.Zero, Visibility, CancellationToken.None);
        }

        var sample = await _api.InvokeJsonAsync(ApiEvents.V2("GET", "/api/samples/" + sampleId, new Dictionary<string, string> { ["x-api-key"] = "lambda-lab-key" }));
        Assert.That(dead.Select(message => message.Body), Is.EqualTo(new[] { "{oops" }));
        Assert.That(Status(sample), Is.EqualTo(200));
        Assert.That(_queue.Process.Output, Does.Contain("malformed"));
    }

    [Test]
    public async Task Error_logs_sent_through_sqs_are_stored_by_the_queue_function()
    {
        var device = "dev-" + Guid.NewGuid().ToString("N");
        await _poller.Queues.GetQueue(QueueNames.ErrorLogs).SendAsync(
            [new QueueMessage($$"""[{"device_id":"{{device}}","error_number":7,"time_stamp":70}]""")], CancellationToken.None);

        while (!await _poller.PollAsync(_queue, QueueNames.ErrorLogs, TimeSpan.FromSeconds(1)))
        {
        }

        var read = await _api.InvokeJsonAsync(ApiEvents.V2("GET", $"/api/logs?device_id={device}", new Dictionary<string, string> { ["x-api-key"] = ReadKey }));
        Assert.That(Body(read).EnumerateArray().Select(log => log.GetProperty("error_number").GetInt32()), Is.EqualTo(new[] { 7 }));
    }

    [Test]
    public async Task A_queue_function_killed_while_it_charges_an_order_leaves_one_capture_after_the_wake_up_comes_back()
    {
        var crashing = LambdaFunction.Start(
            HandlerNames.Queue, new Dictionary<string, string>(_settings) { ["Durable__Faults__CrashAfterActivity"] = "ChargePayment" });
        await using (crashing)
        {
            var orderId = await PlaceOrderAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!crashing.Process.HasExited)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), () => crashing.Process.Output);
                await _poller.PollAsync(crashing, QueueNames.DurableWakeups, TimeSpan.FromSeconds(1));
            }

            // The wake-up was never deleted: it comes back after its visibility timeout, the charge's lease has expired.
            await WakeUntilAsync(orderId, "PLACED", sweep: true);

            Assert.That(crashing.Process.Output, Does.Contain("fault injection kills this process"));
            Assert.That(await PaymentsAsync(orderId), Has.Count.EqualTo(1));
        }
    }
}
