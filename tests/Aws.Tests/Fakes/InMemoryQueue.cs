using Portable.Core.Messaging;

namespace Portable.Aws.Tests.Fakes;

/// <summary>A queue with SQS's visibility semantics, in memory, for the schedule's drain.</summary>
public sealed class InMemoryQueue(string name, TimeProvider time) : IMessageQueue
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private int _sequence;

    public string Name => name;

    public int? MaxReceiveCount => null;

    public List<(string MessageId, TimeSpan Delay)> Releases { get; } = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var message in messages)
            {
                _entries.Add(new Entry($"m{++_sequence}", message.Body, message.DeduplicationId) { VisibleAt = time.GetUtcNow() + (message.Delay ?? TimeSpan.Zero) });
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var received = new List<ReceivedMessage>();
            foreach (var entry in _entries.Where(entry => entry.VisibleAt <= now).Take(maxMessages))
            {
                entry.VisibleAt = now + visibilityTimeout;
                entry.Receipt = Guid.NewGuid().ToString("N");
                entry.ReceiveCount++;
                received.Add(new ReceivedMessage(entry.Id, entry.Body, entry.Receipt, entry.ReceiveCount, entry.DeduplicationId));
            }

            return Task.FromResult<IReadOnlyList<ReceivedMessage>>(received);
        }
    }

    public Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        Change(message, visibilityTimeout);

    public Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _entries.RemoveAll(entry => messages.Any(message => message.ReceiptHandle == entry.Receipt));
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Releases.Add((message.MessageId, delay));
        }

        return Change(message, delay);
    }

    private Task Change(ReceivedMessage message, TimeSpan visibility)
    {
        lock (_lock)
        {
            if (_entries.FirstOrDefault(entry => entry.Receipt == message.ReceiptHandle) is { } entry)
            {
                entry.VisibleAt = time.GetUtcNow() + visibility;
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Entry(string id, string body, string? deduplicationId)
    {
        public string Id => id;

        public string Body => body;

        public string? DeduplicationId => deduplicationId;

        public DateTimeOffset VisibleAt { get; set; }

        public string? Receipt { get; set; }

        public int ReceiveCount { get; set; }
    }
}
