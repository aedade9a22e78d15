namespace Portable.Core.Messaging;

/// <summary>A message to send.</summary>
/// <param name="Body">The payload, usually JSON.</param>
/// <param name="DeduplicationId">Identifies the message for de-duplication (FIFO queues) and in logs.</param>
/// <param name="GroupId">Messages of one group are delivered in order (FIFO queues; for orders, the order id).</param>
/// <param name="Delay">Hides the message for this long after sending (at most 15 minutes; not on FIFO queues, as on SQS).</param>
public sealed record QueueMessage(string Body, string? DeduplicationId = null, string? GroupId = null, TimeSpan? Delay = null)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
}
