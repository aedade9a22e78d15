using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Portable.Core.Messaging;

namespace Portable.Functions.Queues;

/// <summary>
/// Core's queue port on Azure Storage queues, on the Functions app's own storage account. Messages are
/// Base64-encoded, as the Functions queue trigger expects by default; a queue's dead letters are the
/// <c>-poison</c> queue that the trigger moves messages to.
/// </summary>
public sealed class StorageQueueProvider : IQueueProvider
{
    public const string PoisonSuffix = "-poison";

    /// <summary>Receives before a message is dead-lettered: host.json's <c>extensions.queues.maxDequeueCount</c>, which a test holds to this.</summary>
    public const int DefaultMaxReceiveCount = 5;

    private readonly ConcurrentDictionary<string, StorageMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly QueueClientOptions _options = new() { MessageEncoding = QueueMessageEncoding.Base64 };
    private readonly string _connectionString;
    private readonly int _maxReceiveCount;
    private readonly TimeProvider _time;
    private readonly string _prefix;

    /// <param name="connectionString">The storage account.</param>
    /// <param name="time">The clock of the receives' waits.</param>
    /// <param name="maxReceiveCount">Receives before a message is dead-lettered.</param>
    /// <param name="queuePrefix">Put before every queue's name, so that tests share one account; the app's triggers listen on the bare names.</param>
    public StorageQueueProvider(string connectionString, TimeProvider time, int maxReceiveCount = DefaultMaxReceiveCount, string queuePrefix = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReceiveCount, 1);
        _connectionString = connectionString;
        _time = time;
        _maxReceiveCount = maxReceiveCount;
        _prefix = queuePrefix;
    }

    public IMessageQueue GetQueue(string name) =>
        _queues.GetOrAdd(name, queue => new StorageMessageQueue(queue, Client(queue), Client(queue + PoisonSuffix), _maxReceiveCount, _time));

    public IMessageQueue GetDeadLetterQueue(string name) =>
        _queues.GetOrAdd(name + PoisonSuffix, queue => new StorageMessageQueue(queue, Client(queue), null, null, _time));

    private QueueClient Client(string queue) => new(_connectionString, _prefix + queue, _options);
}
