using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.Sqs;
using Portable.Core.Messaging;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>
/// Plays Lambda's SQS poller against the emulator's queues: receives a batch, invokes the queue function with
/// the SQS event built from it, and deletes the records not named in <c>batchItemFailures</c>. Failed and
/// unanswered records come back after the (short) visibility timeout, as on AWS.
/// </summary>
public sealed class SqsPoller(SqsQueueOptions options, TimeSpan visibilityTimeout) : IDisposable
{
    private readonly SqsQueueProvider _queues = new(options, TimeProvider.System, NullLogger<SqsQueueProvider>.Instance);

    public IQueueProvider Queues => _queues;

    /// <summary>One poll of <paramref name="queueName"/>; false when nothing was received or the function died before answering.</summary>
    public async Task<bool> PollAsync(LambdaFunction function, string queueName, TimeSpan? wait = null)
    {
        var queue = _queues.GetQueue(queueName);
        var messages = await queue.ReceiveAsync(10, wait ?? TimeSpan.Zero, visibilityTimeout, CancellationToken.None);
        if (messages.Count == 0)
        {
            return false;
        }

        var invocation = function.Emulator.Enqueue(EventOf(queueName, messages), TimeSpan.FromSeconds(20));
        var exited = WaitForExitAsync(function);
        if (await Task.WhenAny(invocation.Outcome, exited) != invocation.Outcome)
        {
            return false;
        }

        var outcome = await invocation.Outcome;
        Assert.That(outcome.Succeeded, Is.True, () => $"{outcome.ErrorType}: {outcome.Body}\n{function.Process.Output}");
        var failed = JsonDocument.Parse(outcome.Body).RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(failure => failure.GetProperty("itemIdentifier").GetString()).ToHashSet(StringComparer.Ordinal);
        var done = messages.Where(message => !failed.Contains(message.MessageId)).ToList();
        if (done.Count > 0)
        {
            await queue.DeleteAsync(done, CancellationToken.None);
        }

        return true;
    }

    public void Dispose() => _queues.Dispose();

    private static async Task WaitForExitAsync(LambdaFunction function)
    {
        while (!function.Process.HasExited)
        {
            await Task.Delay(100);
        }
    }

    private string EventOf(string queueName, IReadOnlyList<ReceivedMessage> messages) => new JsonObject
    {
        ["Records"] = new JsonArray([.. messages.Select(message => (JsonNode)new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["receiptHandle"] = message.ReceiptHandle,
            ["body"] = message.Body,
            ["attributes"] = new JsonObject
            {
                ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture),
                ["SentTimestamp"] = "1795615512000",
            },
            ["messageAttributes"] = new JsonObject(),
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = $"arn:aws:sqs:{options.Region}:123456789012:{options.QueuePrefix}{queueName}{(QueueNames.IsFifo(queueName) ? ".fifo" : "")}",
            ["awsRegion"] = options.Region,
        })]),
    }.ToJsonString();
}
