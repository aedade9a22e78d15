using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Portable.Core.Messaging;

namespace Portable.Functions.Queues;

/// <summary>
/// One Storage queue with Core's SQS-shaped semantics, as far as Storage queues go. A message travels in a
/// <see cref="StorageEnvelope"/> (its de-duplication id, group and trace context). A receipt handle names the message and the pop
/// receipt of that one receive, and an extension's new pop receipt is kept for that handle only, so a stale handle
/// changes nothing. A message received more than <see cref="MaxReceiveCount"/> times is moved to the dead-letter
/// (<c>-poison</c>) queue with its id, at the receive that finds it, as SQS redrive does; the Functions queue triggers
/// move theirs after host.json's <c>maxDequeueCount</c>, the same number.
/// </summary>
/// <remarks>
/// Not offered, as Storage queues have no such thing: FIFO groups and de-duplication (the consumers are idempotent),
/// long polling (a receive polls every second until its wait ends), and bodies over <see cref="MaxBodyBytes"/>.
/// </remarks>
public sealed class StorageMessageQueue : IMessageQueue
{
    /// <summary>The most a Storage queue hands out per receive.</summary>
    public const int MaxBatch = 32;

    /// <summary>The largest envelope a Storage message holds once Base64-encoded (64 KiB).</summary>
    public const int MaxBodyBytes = 48 * 1024;

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly QueueClient _client;
    private readonly QueueClient? _deadLetter;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _extendedReceipts = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _created;

    /// <param name="name">Core's name of the queue (the Storage queue's may carry a prefix).</param>
    /// <param name="client">The queue.</param>
    /// <param name="deadLetter">Where a message received more than <paramref name="maxReceiveCount"/> times goes; none for a dead-letter queue itself.</param>
    /// <param name="maxReceiveCount">Receives allowed before the move; required with <paramref name="deadLetter"/>.</param>
    /// <param name="time">The clock a receive's wait is measured on.</param>
    public StorageMessageQueue(string name, QueueClient client, QueueClient? deadLetter, int? maxReceiveCount, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        if (deadLetter is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount ?? 0, 1, nameof(maxReceiveCount));
        }

        Name = name;
        _client = client;
        _deadLetter = deadLetter;
        _time = time;
        MaxReceiveCount = deadLetter is null ? null : maxReceiveCount;
        _created = new Lazy<Task>(() => Task.WhenAll(
            client.CreateIfNotExistsAsync(),
            deadLetter?.CreateIfNotExistsAsync() ?? Task.CompletedTask));
    }

    public string Name { get; }

    public int? MaxReceiveCount { get; }

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var envelopes = new List<(string Text, TimeSpan? Delay)>(messages.Count);
        foreach (var message in messages)
        {
            if (QueueNames.IsFifo(Name) && message.Delay is not null)
            {
                throw new ArgumentException($"Queue {Name} is a FIFO queue on the other hosts, which take no per-message delay.", nameof(messages));
            }

            if (message.Delay is { } delay && (delay < TimeSpan.Zero || delay > QueueMessage.MaxDelay))
            {
                throw new ArgumentException($"A message's delay is from zero to {QueueMessage.MaxDelay}; it is {delay}.", nameof(messages));
            }

            var text = new StorageEnvelope(message.Body, message.DeduplicationId, message.GroupId, TraceParent: message.TraceParent).Write();
            if (Encoding.UTF8.GetByteCount(text) > MaxBodyBytes)
            {
                throw new ArgumentException($"A message on {Name} holds at most {MaxBodyBytes} bytes (a Storage queue message is 64 KiB once Base64-encoded).", nameof(messages));
            }

            envelopes.Add((text, message.Delay));
        }

        await EnsureCreatedAsync(cancellationToken);
        foreach (var (text, delay) in envelopes)
        {
            await _client.SendMessageAsync(text, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            var received = await _client.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, MaxBatch), visibilityTimeout, cancellationToken);
            var kept = new List<ReceivedMessage>(received.Value.Length);
            foreach (var message in received.Value)
            {
                var envelope = StorageEnvelope.Read(message.Body.ToString());
                var messageId = envelope.OriginalMessageId ?? message.MessageId;
                if (_deadLetter is not null && message.DequeueCount > MaxReceiveCount)
                {
                    await MoveToDeadLetterAsync(envelope with { OriginalMessageId = messageId }, message.MessageId, message.PopReceipt, cancellationToken);
                    continue;
                }

                kept.Add(new ReceivedMessage(
                    messageId, envelope.Body, Handle(message.MessageId, message.PopReceipt), (int)message.DequeueCount, envelope.DeduplicationId, envelope.GroupId, envelope.TraceParent));
            }

            if (kept.Count > 0 || _time.GetUtcNow() + PollInterval > deadline)
            {
                return kept;
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    public async Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, receipt) = Parse(message);
        var updated = await IgnoringStaleAsync(() => _client.UpdateMessageAsync(id, receipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken));
        if (updated is not null)
        {
            _extendedReceipts[message.ReceiptHandle] = updated.Value.PopReceipt;
        }
    }

    public async Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var (id, receipt) = Parse(message);
            await IgnoringStaleAsync(() => _client.DeleteMessageAsync(id, receipt, cancellationToken));
            _extendedReceipts.TryRemove(message.ReceiptHandle, out _);
        }
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, receipt) = Parse(message);
        await IgnoringStaleAsync(() => _client.UpdateMessageAsync(id, receipt, visibilityTimeout: delay, cancellationToken: cancellationToken));
        _extendedReceipts.TryRemove(message.ReceiptHandle, out _);
    }

    private static string Handle(string storageId, string popReceipt) => $"{storageId}\n{popReceipt}";

    /// <summary>The Storage id and the pop receipt of this receive (the latest one, after an extension of it).</summary>
    private (string Id, string Receipt) Parse(ReceivedMessage message)
    {
        var parts = message.ReceiptHandle.Split('\n');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"'{message.ReceiptHandle}' is not a receipt handle of a Storage queue.", nameof(message));
        }

        return (parts[0], _extendedReceipts.TryGetValue(message.ReceiptHandle, out var latest) ? latest : parts[1]);
    }

    private async Task MoveToDeadLetterAsync(StorageEnvelope envelope, string storageId, string popReceipt, CancellationToken cancellationToken)
    {
        // Sent before the delete: a crash between the two leaves a copy on both queues, never on neither.
        await _deadLetter!.SendMessageAsync(envelope.Write(), cancellationToken: cancellationToken);
        await IgnoringStaleAsync(() => _client.DeleteMessageAsync(storageId, popReceipt, cancellationToken));
    }

    /// <summary>A receipt that no longer holds the message (deleted, received again since) changes nothing, as on SQS.</summary>
    private static async Task<T?> IgnoringStaleAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException exception) when (exception.Status == 404 || exception.ErrorCode is "PopReceiptMismatch" or "MessageNotFound")
        {
            return null;
        }
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.Value.WaitAsync(cancellationToken);
}
