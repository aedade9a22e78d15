namespace Portable.Core.Messaging;

/// <summary>Hands out the inner provider's queues wrapped in <see cref="TracingMessageQueue"/>, so sends and receives are traced on every provider.</summary>
public sealed class TracingQueueProvider(IQueueProvider inner, TimeProvider time) : IQueueProvider
{
    public IMessageQueue GetQueue(string name) => new TracingMessageQueue(inner.GetQueue(name), time);

    public IMessageQueue GetDeadLetterQueue(string name) => new TracingMessageQueue(inner.GetDeadLetterQueue(name), time);
}
