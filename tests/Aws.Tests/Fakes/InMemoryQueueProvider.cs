using System.Collections.Concurrent;
using Portable.Core.Messaging;

namespace Portable.Aws.Tests.Fakes;

public sealed class InMemoryQueueProvider(TimeProvider time) : IQueueProvider
{
    private readonly ConcurrentDictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);

    public InMemoryQueue Queue(string name) => _queues.GetOrAdd(name, key => new InMemoryQueue(key, time));

    public IMessageQueue GetQueue(string name) => Queue(name);

    public IMessageQueue GetDeadLetterQueue(string name) => Queue(name + "-dlq");
}
