using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Portable.Core.Messaging;

namespace Portable.Functions.Queues;

/// <summary>
/// Core's queue port on Azure Storage queues, on the Functions app's own storage account. Messages are
/// Base64-encoded, as the Functions queue trigger expects by default; a queue's dead letters are the
/// <c>-poison</c> queue that the trigger moves messages to.
/// </summary>
public sealed class StorageQueueProvider(string connectionString) : IQueueProvider
{
    public const string PoisonSuffix = "-poison";

    private readonly ConcurrentDictionary<string, StorageMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly QueueClientOptions _options = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public IMessageQueue GetQueue(string name) =>
        _queues.GetOrAdd(name, queue => new StorageMessageQueue(new QueueClient(connectionString, queue, _options)));

    public IMessageQueue GetDeadLetterQueue(string name) => GetQueue(name + PoisonSuffix);
}
