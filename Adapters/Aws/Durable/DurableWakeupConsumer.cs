using Portable.Adapters.Durable.Worker;
using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Durable;

/// <summary>
/// A wake-up (<c>durable-wakeups</c>, Lambda's own queue) drains every ready orchestration step and activity, not only
/// the named instance's, until nothing is ready or the invocation's deadline token fires. An interrupted drain releases
/// its leases and re-sends wake-ups for what it left, so the message itself always succeeds; the later records of a
/// batch find the work done and return at once.
/// </summary>
public sealed class DurableWakeupConsumer(IDurableDrain drain) : IQueueConsumer
{
    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken) => drain.DrainAsync(cancellationToken);
}
