using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;
using Portable.Core.Quality;
using Portable.Core.Validation;
using Portable.Functions.Durable;

namespace Portable.Functions.Queues;

/// <summary>
/// Quality-control intake from the <c>qc-samples</c> Storage queue: one sample or an array per message, each
/// started as its own workflow by Core's <see cref="SampleIntake"/> (a redelivered sample is started once). A
/// message that cannot be taken throws, so the host retries it and, after <c>maxDequeueCount</c> attempts,
/// moves it unchanged (sample ids included) to <c>qc-samples-poison</c>. Every line names the sample id, or the
/// message id when the message holds none.
/// </summary>
public sealed partial class QualitySampleQueueFunction(SampleIntake intake, ILogger<QualitySampleQueueFunction> logger)
{
    public const string Name = "QualitySampleQueue";

    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger(QueueNames.QualitySamples)] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DurableClientScope.Enter(client);
        var messageId = Binding(context, "Id") ?? context.InvocationId;
        var attempt = Binding(context, "DequeueCount") ?? "1";
        var body = Encoding.UTF8.GetBytes(message ?? "");

        SampleBatch batch;
        try
        {
            batch = SampleParser.Parse(body);
        }
        catch (ValidationException exception)
        {
            foreach (var sampleId in SampleIds(body).DefaultIfEmpty(null))
            {
                LogRejected(logger, sampleId ?? $"(none; message {messageId})", messageId, attempt, exception.Message);
            }

            throw;
        }

        foreach (var sample in batch.Samples)
        {
            try
            {
                var (instanceId, already) = await intake.SubmitAsync(sample, context.CancellationToken);
                LogSubmitted(logger, sample.SampleId, messageId, instanceId, already);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSubmitFailed(logger, sample.SampleId, messageId, attempt, exception);
                throw;
            }
        }
    }

    /// <summary>The sample ids a rejected message still names, read leniently so the log can say which samples failed.</summary>
    internal static IEnumerable<string> SampleIds(ReadOnlyMemory<byte> body)
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

    private static string? Binding(FunctionContext context, string name) =>
        context.BindingContext.BindingData.TryGetValue(name, out var value) ? value?.ToString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample {SampleId} from message {MessageId} taken as workflow {InstanceId} (already submitted: {AlreadySubmitted})")]
    private static partial void LogSubmitted(ILogger logger, string sampleId, string messageId, string instanceId, bool alreadySubmitted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sample {SampleId} in message {MessageId} rejected on attempt {Attempt}: {Problems}. The host retries it, then moves it to the poison queue")]
    private static partial void LogRejected(ILogger logger, string sampleId, string messageId, string attempt, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sample {SampleId} in message {MessageId} could not be submitted on attempt {Attempt}. The host retries it, then moves it to the poison queue")]
    private static partial void LogSubmitFailed(ILogger logger, string sampleId, string messageId, string attempt, Exception exception);
}
