using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Telemetry;
using Portable.Core.Validation;

namespace Portable.Core.Quality;

/// <summary>
/// Samples arriving on the <c>qc-samples</c> queue (seed 003): one message holds one sample or a batch, exactly the
/// body <c>POST /api/samples</c> takes, and each sample starts its quality workflow. The workflow's id comes from the
/// sample id, so a redelivered message starts nothing twice. A bad message throws, so it is retried and ends in the
/// dead-letter queue; before it does, an error names every sample id the message still holds.
/// </summary>
public sealed partial class SampleQueueConsumer(SampleIntake intake, ILogger<SampleQueueConsumer> logger) : IQueueConsumer
{
    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Encoding.UTF8.GetBytes(message.Body);
        SampleBatch batch;
        try
        {
            batch = SampleParser.Parse(body);
        }
        catch (ValidationException exception)
        {
            foreach (var sampleId in SampleIds(body).DefaultIfEmpty(null))
            {
                LogRejected(logger, sampleId ?? $"(none; message {message.MessageId})", message.MessageId, message.ReceiveCount, exception.Message);
            }

            throw;
        }

        foreach (var sample in batch.Samples)
        {
            using var scope = WorkScope.Sample(logger, sample.SampleId);
            var (instanceId, already) = await intake.SubmitAsync(sample, cancellationToken);
            LogSubmitted(logger, sample.SampleId, message.MessageId, instanceId, already);
        }
    }

    /// <summary>The sample ids a rejected message still names, read leniently so the log can say which samples failed.</summary>
    internal static IReadOnlyList<string> SampleIds(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return [];
        }

        using (document)
        {
            var root = document.RootElement;
            var samples = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            return samples
                .Where(sample => sample.ValueKind == JsonValueKind.Object && sample.TryGetProperty("sampleId", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(sample => sample.GetProperty("sampleId").GetString()!)
                .ToList();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample {SampleId} from message {MessageId} submitted as workflow {InstanceId} (already submitted: {AlreadySubmitted})")]
    private static partial void LogSubmitted(ILogger logger, string sampleId, string messageId, string instanceId, bool alreadySubmitted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sample {SampleId} in message {MessageId} rejected on receive {ReceiveCount}: {Problems}. The queue gives it back, then moves it to its dead-letter queue")]
    private static partial void LogRejected(ILogger logger, string sampleId, string messageId, int receiveCount, string problems);
}
