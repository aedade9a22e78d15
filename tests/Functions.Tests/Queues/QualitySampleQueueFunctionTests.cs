using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Quality;
using Portable.Core.Validation;
using Portable.Functions.Queues;
using Portable.Functions.Tests.Doubles;

namespace Portable.Functions.Tests.Queues;

public sealed class QualitySampleQueueFunctionTests
{
    private const string Good = """
        [{"sampleId":"S-1","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z","wavelengthsNm":[200,201,202],"absorbance":[0.1,0.2,0.3]},
         {"sampleId":"S-2","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z","wavelengthsNm":[200,201,202],"absorbance":[0.1,0.2,0.3]}]
        """;

    private TestHost _host = null!;
    private CapturingLogger<QualitySampleQueueFunction> _log = null!;
    private QualitySampleQueueFunction _function = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost();
        _log = new CapturingLogger<QualitySampleQueueFunction>();
        _function = new QualitySampleQueueFunction(_host.Services.GetRequiredService<SampleIntake>(), _log);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task EachSampleOfAMessageStartsItsWorkflowOnce()
    {
        await _function.RunAsync(Good, _host.Durable, Context("msg-1", 1));
        await _function.RunAsync(Good, _host.Durable, Context("msg-1", 2));

        Assert.Multiple(() =>
        {
            Assert.That(_host.Durable.Scheduled.Select(start => start.Options?.InstanceId), Is.EqualTo(new[] { "qc-S-1", "qc-S-2" }));
            Assert.That(_log.Lines, Has.Some.Contains("Sample S-2 from message msg-1"));
        });
    }

    [Test]
    public void ABadMessageThrowsSoTheHostRetriesItAndEveryLineNamesTheSample()
    {
        var bad = """{"sampleId":"S-9","instrumentId":"UV-1","acquiredAt":"yesterday","wavelengthsNm":[200],"absorbance":[0.1]}""";

        Assert.ThrowsAsync<ValidationException>(() => _function.RunAsync(bad, _host.Durable, Context("msg-9", 3)));
        Assert.Multiple(() =>
        {
            Assert.That(_log.Lines.Single(), Does.Contain("Sample S-9 in message msg-9 rejected on attempt 3").And.Contain("acquiredAt"));
            Assert.That(_host.Durable.Scheduled, Is.Empty);
        });
    }

    [Test]
    public void AMessageWithoutASampleIdIsNamedByItsMessageId()
    {
        Assert.ThrowsAsync<ValidationException>(() => _function.RunAsync("not json", _host.Durable, Context("msg-x", 1)));
        Assert.That(_log.Lines.Single(), Does.Contain("message msg-x"));
    }

    [Test]
    public void SampleIdsAreReadFromObjectsAndArraysAlike()
    {
        Assert.Multiple(() =>
        {
            Assert.That(QualitySampleQueueFunction.SampleIds(Encoding.UTF8.GetBytes(Good)), Is.EqualTo(new[] { "S-1", "S-2" }));
            Assert.That(QualitySampleQueueFunction.SampleIds(Encoding.UTF8.GetBytes("""{"sampleId":"S-3"}""")), Is.EqualTo(new[] { "S-3" }));
            Assert.That(QualitySampleQueueFunction.SampleIds(Encoding.UTF8.GetBytes("[1, {\"sampleId\": 4}]")), Is.Empty);
        });
    }

    private FakeFunctionContext Context(string messageId, int dequeueCount) =>
        new(_host.Services, new Dictionary<string, object?> { ["Id"] = messageId, ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
