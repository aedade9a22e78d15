using System.Security.Cryptography;
using System.Text;

namespace Portable.Core.Messaging;

/// <summary>A message to send.</summary>
/// <param name="Body">The payload, usually JSON.</param>
/// <param name="DeduplicationId">Identifies the message for de-duplication (FIFO queues) and in logs.</param>
/// <param name="GroupId">Messages of one group are delivered in order (FIFO queues; for orders, the order id).</param>
/// <param name="Delay">Hides the message for this long after sending (at most 15 minutes; not on FIFO queues, as on SQS).</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the span that sent it; <see cref="TracingMessageQueue"/> sets it from the current span.</param>
public sealed record QueueMessage(string Body, string? DeduplicationId = null, string? GroupId = null, TimeSpan? Delay = null, string? TraceParent = null)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>What a FIFO queue de-duplicates on: the sender's id, else a hash of the body (as SQS content-based de-duplication).</summary>
    public string FifoDeduplicationId() => DeduplicationId ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)));

    /// <summary>The FIFO group: the sender's, else the de-duplication id, which makes the message a group of its own.</summary>
    public string FifoGroupId() => GroupId ?? FifoDeduplicationId();
}
