using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Quality;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// Spectrophotometer samples from instruments (seed 003): a message holds one sample or an array, in the
/// contract of <c>POST /api/samples</c>, and each sample starts its quality workflow. The workflow's id
/// comes from the sample id, so a redelivered message starts nothing twice.
/// </summary>
public sealed partial class QualitySampleConsumer(ILogger<QualitySampleConsumer> logger) : IQueueConsumer
{
    private static readonly Func<ILogger, string, IDisposable?> SampleScope = LoggerMessage.DefineScope<string>("Sample {SampleId}");

    public string QueueName => QueueNames.QualitySamples;

    public async Task HandleAsync(ReceivedMessage message, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var batch = SampleParser.Parse(Encoding.UTF8.GetBytes(message.Body));
        var intake = services.GetRequiredService<SampleIntake>();
        foreach (var sample in batch.Samples)
        {
            using var scope = SampleScope(logger, sample.SampleId);
            var (instanceId, already) = await intake.SubmitAsync(sample, cancellationToken);
            LogSubmitted(logger, sample.SampleId, instanceId, already);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample {SampleId} submitted as workflow {InstanceId} (already submitted: {AlreadySubmitted})")]
    private static partial void LogSubmitted(ILogger logger, string sampleId, string instanceId, bool alreadySubmitted);
}
