using Portable.Adapters.Durable.Worker;
using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Durable;

/// <summary>
/// Wake-ups as messages on <c>durable-wakeups</c>, whose body is the instance id: the queue function drains
/// when one arrives. A timer's wake-up is delayed until it is due, at most 15 minutes (SQS's limit); the
/// schedule's sweep finds later ones. The wake-ups of one call are coalesced to one message per instance.
/// </summary>
public sealed class SqsDurableWakeups(IQueueProvider queues, TimeProvider time) : IDurableWakeups
{
    public Task WakeAsync(IReadOnlyList<DurableWakeup> wakeups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeups);
        var now = time.GetUtcNow();
        List<QueueMessage> messages = [.. wakeups
            .GroupBy(wakeup => wakeup.InstanceId, StringComparer.Ordinal)
            .Select(instance => new QueueMessage(instance.Key, Delay: DelayOf(instance.Min(wakeup => wakeup.DueAt ?? now) - now)))];
        return messages.Count == 0 ? Task.CompletedTask : queues.GetQueue(QueueNames.DurableWakeups).SendAsync(messages, cancellationToken);
    }

    private static TimeSpan? DelayOf(TimeSpan untilDue) =>
        untilDue <= TimeSpan.Zero ? null : untilDue < QueueMessage.MaxDelay ? untilDue : QueueMessage.MaxDelay;
}
