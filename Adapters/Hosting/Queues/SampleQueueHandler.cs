using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Quality;

namespace Portable.Adapters.Hosting.Queues;

/// <summary>
/// Samples arriving on the <c>qc-samples</c> queue (seed 003): one message holds one sample or a batch, exactly the
/// body <c>POST /api/samples</c> takes, and each sample starts its quality workflow. The workflow's id comes from the
/// sample id, so a redelivered message starts nothing twice; a bad message throws, so it is retried and ends in the
/// dead-letter queue. Every host's consumer of the queue calls this.
/// </summary>
public sealed partial class SampleQueueHandler(SampleIntake intake, ILogger<SampleQueueHandler> logger)
{
    private static readonly Func<ILogger, string, IDisposable?> SampleScope = LoggerMessage.DefineScope<string>("Sample {SampleId}");

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var batch = SampleParser.Parse(Encoding.UTF8.GetBytes(message.Body));
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
