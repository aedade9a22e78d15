using Microsoft.Extensions.DependencyInjection;
using Portable.Core.ErrorLogs;
using Portable.Core.Messaging;
using Portable.Core.Quality;
using Portable.Core.Validation;
using Portable.Functions.Queues;
using Portable.Functions.Tests.Doubles;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Queues;

public sealed class QueueFunctionsTests
{
    private const string Good = """
        [{"sampleId":"S-1","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z","wavelengthsNm":[200,201,202],"absorbance":[0.1,0.2,0.3]},
         {"sampleId":"S-2","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z","wavelengthsNm":[200,201,202],"absorbance":[0.1,0.2,0.3]}]
        """;

    private TestHost _host = null!;
    private CapturingLogger<QueueFunctions> _log = null!;
    private CapturingLogger<SampleQueueConsumer> _consumerLog = null!;
    private QueueFunctions _functions = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost();
        _log = new CapturingLogger<QueueFunctions>();
        _consumerLog = new CapturingLogger<SampleQueueConsumer>();
        var services = _host.Services;
        _functions = new QueueFunctions(
            services.GetRequiredKeyedService<IQueueConsumer>(QueueNames.OrderDispatch),
            new SampleQueueConsumer(services.GetRequiredService<SampleIntake>(), _consumerLog),
            services.GetRequiredKeyedService<IQueueConsumer>(QueueNames.QualityNotifications),
            services.GetRequiredKeyedService<IQueueConsumer>(QueueNames.ErrorLogs),
            _log);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task EachSampleOfAMessageStartsItsWorkflowOnce()
    {
        await _functions.QualitySamplesAsync(Good, _host.Durable, Context("msg-1", 1));
        await _functions.QualitySamplesAsync(Good, _host.Durable, Context("msg-1", 2));

        Assert.Multiple(() =>
        {
            Assert.That(_host.Durable.Scheduled.Select(start => start.Options?.InstanceId), Is.EqualTo(new[] { "qc-S-1", "qc-S-2" }));
            Assert.That(_consumerLog.Lines, Has.Some.Contains("Sample S-2 from message msg-1"));
        });
    }

    [Test]
    public void ABadMessageThrowsSoTheHostRetriesItAndTheLinesNameTheSampleAndTheMessage()
    {
        var bad = """{"sampleId":"S-9","instrumentId":"UV-1","acquiredAt":"yesterday","wavelengthsNm":[200],"absorbance":[0.1]}""";

        Assert.ThrowsAsync<ValidationException>(() => _functions.QualitySamplesAsync(bad, _host.Durable, Context("msg-9", 3)));
        Assert.Multiple(() =>
        {
            Assert.That(_consumerLog.Lines.Single(), Does.Contain("Sample S-9 in message msg-9 rejected on receive 3").And.Contain("acquiredAt"));
            Assert.That(_log.Lines.Single(), Does.Contain("Message msg-9 on qc-samples failed on dequeue 3"));
            Assert.That(_host.Durable.Scheduled, Is.Empty);
        });
    }

    [Test]
    public void AMessageWithoutASampleIdIsNamedByItsMessageId()
    {
        Assert.ThrowsAsync<ValidationException>(() => _functions.QualitySamplesAsync("not json", _host.Durable, Context("msg-x", 1)));
        Assert.That(_consumerLog.Lines.Single(), Does.Contain("message msg-x"));
    }

    [Test]
    public async Task TheErrorLogQueueStoresWhatItsMessagesHold()
    {
        await _functions.ErrorLogsAsync(
            """[{"device_id":"pump-7","error_number":42,"time_stamp":1700000000},{"device_id":"pump-8","error_number":7,"time_stamp":1700000001}]""",
            _host.Durable,
            Context("msg-logs", 1));

        var stored = await _host.Services.GetRequiredService<IErrorLogStore>().RecentAsync(null, 10, CancellationToken.None);
        Assert.That(stored.Select(log => log.DeviceId), Is.EquivalentTo(new[] { "pump-7", "pump-8" }));
    }

    [TestCase(StorageQueueProvider.DefaultMaxReceiveCount - 1, NotificationStatus.Pending)]
    [TestCase(StorageQueueProvider.DefaultMaxReceiveCount, NotificationStatus.Undelivered)]
    public async Task A_notification_that_fails_on_its_last_dequeue_is_recorded_undelivered_and_the_failure_names_the_message(int dequeueCount, NotificationStatus recorded)
    {
        // The webhook of the test host answers nothing (port 9 refuses), so every delivery fails.
        var store = _host.Services.GetRequiredService<IQualityStore>();
        var acquiredAt = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        await store.SaveVerdictAsync(new QualityRecord("S-q", "UV-1", "qc-S-q", false, [], acquiredAt, acquiredAt, NotificationStatus.Pending), CancellationToken.None);
        var notification = new FailureNotification("S-q", "UV-1", acquiredAt, [], "qc-S-q:notify");
        var envelope = System.Text.Json.JsonSerializer.Serialize(notification, QualityJsonContext.Default.FailureNotification);

        Assert.ThrowsAsync<NotificationFailedException>(() => _functions.QualityNotificationsAsync(envelope, _host.Durable, Context("msg-n", dequeueCount)));

        var record = await store.GetAsync("S-q", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((record!.NotificationStatus, record.NotificationAttempts), Is.EqualTo((recorded, dequeueCount)));
            Assert.That(_log.Lines.Single(), Does.Contain($"Message msg-n on qc-notifications failed on dequeue {dequeueCount}"));
        });
    }

    [Test]
    public void The_dead_letter_threshold_of_the_apps_queues_is_host_jsons_max_dequeue_count()
    {
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var maxDequeueCount = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.Multiple(() =>
        {
            Assert.That(maxDequeueCount, Is.EqualTo(StorageQueueProvider.DefaultMaxReceiveCount));
            foreach (var binding in QueueConsumers.All)
            {
                Assert.That(_host.Services.GetRequiredService<IQueueProvider>().GetQueue(binding.Queue).MaxReceiveCount, Is.EqualTo(maxDequeueCount), binding.Queue);
            }
        });
    }

    private FakeFunctionContext Context(string messageId, int dequeueCount) =>
        new(_host.Services, new Dictionary<string, object?> { ["Id"] = messageId, ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
