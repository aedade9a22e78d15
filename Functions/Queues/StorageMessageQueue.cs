using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Portable.Core.Messaging;

namespace Portable.Functions.Queues;

/// <summary>
/// One Storage queue with Core's SQS-shaped semantics. Storage queues have no de-duplication or groups, so
/// those hints are dropped (the consumers are idempotent); they hand out a new pop receipt on every update,
/// so the latest one is remembered per message id.
/// </summary>
public sealed class StorageMessageQueue(QueueClient client) : IMessageQueue
{
    /// <summary>The most a Storage queue hands out per receive.</summary>
    public const int MaxBatch = 32;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, string> _receipts = new(StringComparer.Ordinal);
    private Task? _created;

    public string Name => client.Name;

    /// <summary>Storage queues have no redrive of their own; the queue triggers move poison messages after host.json's maxDequeueCount.</summary>
    public int? MaxReceiveCount => null;

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await EnsureCreatedAsync(cancellationToken);
        foreach (var message in messages)
        {
            await client.SendMessageAsync(message.Body, visibilityTimeout: message.Delay, cancellationToken: cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var received = await client.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, MaxBatch), visibilityTimeout, cancellationToken);
            if (received.Value.Length > 0 || DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                return [.. received.Value.Select(message =>
                {
                    _receipts[message.MessageId] = message.PopReceipt;
                    return new ReceivedMessage(message.MessageId, message.Body.ToString(), message.PopReceipt, (int)message.DequeueCount);
                })];
            }

            // Storage queues have no long polling.
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var updated = await client.UpdateMessageAsync(message.MessageId, Receipt(message), visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
        _receipts[message.MessageId] = updated.Value.PopReceipt;
    }

    public async Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await client.DeleteMessageAsync(message.MessageId, Receipt(message), cancellationToken);
            _receipts.TryRemove(message.MessageId, out _);
        }
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await client.UpdateMessageAsync(message.MessageId, Receipt(message), visibilityTimeout: delay, cancellationToken: cancellationToken);
        _receipts.TryRemove(message.MessageId, out _);
    }

    private string Receipt(ReceivedMessage message) =>
        _receipts.TryGetValue(message.MessageId, out var latest) ? latest : message.ReceiptHandle;

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _created ??= client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
}
