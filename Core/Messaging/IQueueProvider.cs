namespace Portable.Core.Messaging;

/// <summary>Hands out the system's queues by name (see <see cref="QueueNames"/>).</summary>
public interface IQueueProvider
{
    IMessageQueue GetQueue(string name);

    /// <summary>The dead-letter queue of <paramref name="name"/>, for inspection and redrive.</summary>
    IMessageQueue GetDeadLetterQueue(string name);
}
